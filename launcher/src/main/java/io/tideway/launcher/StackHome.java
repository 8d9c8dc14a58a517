package io.tideway.launcher;

import io.tideway.destination.SecretBox;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The local stack's directory (by default {@code .tideway} in the checkout): its settings, chosen once and kept so
 * that a stack started again finds its data, and the files other commands read (logs, the pid, stack.env).
 */
public final class StackHome {

    static final int DEFAULT_API_PORT = 8080;
    static final int DEFAULT_FTP_PORT = 2121;
    static final int DEFAULT_WEB_PORT = 8081;

    private final Path dir;
    private final Properties settings;

    private StackHome(Path dir, Properties settings) {
        this.dir = dir;
        this.settings = settings;
    }

    /** Opens the home, choosing ports and generating keys the first time. */
    public static StackHome open(Path dir) {
        try {
            Files.createDirectories(dir.resolve("logs"));
            Path file = dir.resolve("stack.properties");
            Properties settings = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    settings.load(in);
                }
            }
            StackHome home = new StackHome(dir, settings);
            if (home.fillDefaults()) {
                try (Writer out = Files.newBufferedWriter(file)) {
                    settings.store(out, "Tideway local stack: chosen at first start, kept across restarts");
                }
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the local stack's directory " + dir, e);
        }
    }

    private boolean fillDefaults() {
        int before = settings.size();
        settings.putIfAbsent("broker.port", String.valueOf(freePort(0)));
        settings.putIfAbsent("broker.controller-port", String.valueOf(freePort(0)));
        settings.putIfAbsent("api.port", String.valueOf(freePort(DEFAULT_API_PORT)));
        settings.putIfAbsent("ftp-writer.port", String.valueOf(freePort(0)));
        settings.putIfAbsent("web-writer.port", String.valueOf(freePort(0)));
        settings.putIfAbsent("scheduler.port", String.valueOf(freePort(0)));
        settings.putIfAbsent("demo-ftp.port", String.valueOf(freePort(DEFAULT_FTP_PORT)));
        settings.putIfAbsent("demo-web.port", String.valueOf(freePort(DEFAULT_WEB_PORT)));
        settings.putIfAbsent("secret-key", SecretBox.generateKey());
        settings.putIfAbsent("api-key", "1/" + randomHex(20));
        return settings.size() != before;
    }

    public Path dir() {
        return dir;
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path data(String service) {
        return dir.resolve("data").resolve(service);
    }

    public Path pidFile() {
        return dir.resolve("supervisor.pid");
    }

    public Path statusFile() {
        return dir.resolve("status.json");
    }

    public Path envFile() {
        return dir.resolve("stack.env");
    }

    public int port(String name) {
        return Integer.parseInt(settings.getProperty(name + ".port"));
    }

    public int brokerControllerPort() {
        return Integer.parseInt(settings.getProperty("broker.controller-port"));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port("broker");
    }

    public String apiEndpoint() {
        return "http://127.0.0.1:" + port("api");
    }

    public String apiKey() {
        return settings.getProperty("api-key");
    }

    public String secretKey() {
        return settings.getProperty("secret-key");
    }

    /** The shell lines that point bin/td at this stack. */
    public String envLines() {
        return "export TD_API_SERVER=" + apiEndpoint() + "\nexport TD_API_KEY=" + apiKey() + "\n";
    }

    private static int freePort(int preferred) {
        try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            if (preferred != 0) {
                return freePort(0);
            }
            throw new UncheckedIOException("No free port on loopback", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
