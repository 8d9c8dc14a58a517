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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * The local stack's directory (by default {@code .tideway} in the checkout): its settings, chosen once and kept so
 * that a stack started again finds its data, and the files other commands read (logs, the pid, stack.env).
 */
public final class StackHome {

    static final int DEFAULT_API_PORT = 8080;
    static final int DEFAULT_FTP_PORT = 2121;
    static final int DEFAULT_WEB_PORT = 8081;
    /** The services that run as several instances in one consumer group ({@code bin/tideway scale}). */
    public static final List<String> WRITERS = List.of("ftp-writer", "web-writer", "td-writer");
    static final int MAX_INSTANCES = 16;

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
            StackHome home = new StackHome(dir, load(dir));
            if (home.fillDefaults()) {
                home.save();
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the local stack's directory " + dir, e);
        }
    }

    /** The settings as the file holds them now (another process may have changed them, e.g. by a scale command). */
    public StackHome reload() {
        try {
            return new StackHome(dir, load(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir.resolve("stack.properties"), e);
        }
    }

    /**
     * Keeps N instances of a writer ({@link #WRITERS}), choosing a port for each new one; returns the home with the
     * new setting. A running supervisor reads it within a second and starts or stops instances to match.
     */
    public StackHome withScale(String writer, int instances) {
        if (!WRITERS.contains(writer)) {
            throw new IllegalArgumentException("Only writers scale (" + String.join(", ", WRITERS) + "), not '"
                    + writer + "'");
        }
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new IllegalArgumentException("Instances of " + writer + ": 1 to " + MAX_INSTANCES + ", not "
                    + instances);
        }
        StackHome home = reload();
        home.settings.setProperty("scale." + writer, String.valueOf(instances));
        for (int i = 2; i <= instances; i++) {
            home.settings.putIfAbsent(writer + "-" + i + ".port", String.valueOf(freePort(0)));
        }
        try {
            home.save();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dir.resolve("stack.properties"), e);
        }
        return home;
    }

    /** Chooses a new free port for {@code NAME.port} and keeps it; returns the home with the new setting. */
    StackHome withNewPort(String name) {
        StackHome home = reload();
        home.settings.setProperty(name + ".port", String.valueOf(freePort(0)));
        try {
            home.save();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dir.resolve("stack.properties"), e);
        }
        return home;
    }

    /** Whether nothing listens on a port (on any address), so that a service can take it. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Properties load(Path dir) throws IOException {
        Path file = dir.resolve("stack.properties");
        Properties settings = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                settings.load(in);
            }
        }
        return settings;
    }

    /** Writes the settings in one step (a temporary file moved into place), readable by the owner only. */
    private void save() throws IOException {
        Path file = dir.resolve("stack.properties");
        Path temporary = dir.resolve("stack.properties.tmp");
        try (Writer out = Files.newBufferedWriter(temporary)) {
            settings.store(out, "Tideway local stack: chosen at first start, kept across restarts");
        }
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private boolean fillDefaults() {
        int before = settings.size();
        settings.putIfAbsent("broker.port", String.valueOf(freePort(0)));
        settings.putIfAbsent("broker.controller-port", String.valueOf(freePort(0)));
        settings.putIfAbsent("api.port", String.valueOf(freePort(DEFAULT_API_PORT)));
        settings.putIfAbsent("ftp-writer.port", String.valueOf(freePort(0)));
        settings.putIfAbsent("web-writer.port", String.valueOf(freePort(0)));
        settings.putIfAbsent("td-writer.port", String.valueOf(freePort(0)));
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

    boolean hasPort(String name) {
        return settings.getProperty(name + ".port") != null;
    }

    /** How many instances of a writer the stack runs (1 unless scaled). */
    public int scale(String writer) {
        try {
            return Math.max(1, Math.min(MAX_INSTANCES,
                    Integer.parseInt(settings.getProperty("scale." + writer, "1").strip())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The HTTP port of instance {@code instance} (from 1) of a writer. */
    public int instancePort(String writer, int instance) {
        return instance == 1 ? port(writer) : port(writer + "-" + instance);
    }

    /** Where the class-data-sharing archives and class jars of the services are kept (see ClassDataSharing). */
    public Path cds() {
        return dir.resolve("cds");
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
