package io.tideway.query.warehouse;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Trino server for tests, in a process of its own: started from an unpacked {@code trino-server-core}
 * distribution with the memory connector's plugin in its {@code plugin} directory (the Maven profile
 * {@code trino-test} of query-service unpacks both from Maven Central), on a free loopback port, with catalog
 * {@code memory}. Trino needs a recent JDK: the {@code java} of {@value #JAVA_PROPERTY}, else of
 * /usr/lib/jvm/temurin-25-jdk-amd64.
 */
final class TrinoTestServer implements AutoCloseable {

    static final String URL_PROPERTY = "tideway.test.trino.url";
    static final String HOME_PROPERTY = "tideway.test.trino.home";
    static final String JAVA_PROPERTY = "tideway.test.trino.java";
    private static final Path DEFAULT_JAVA = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private final Process process;
    private final int port;
    private final Path dir;

    private TrinoTestServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** The URL of a server someone else runs, from the system property or TIDEWAY_TEST_TRINO_URL; null if none. */
    static String configuredUrl() {
        return setting(URL_PROPERTY, "TIDEWAY_TEST_TRINO_URL");
    }

    /** Starts a server when a distribution and a JDK for it are there; null when not. */
    static TrinoTestServer startIfAvailable() throws IOException {
        String home = setting(HOME_PROPERTY, "TIDEWAY_TEST_TRINO_HOME");
        String javaSetting = setting(JAVA_PROPERTY, "TIDEWAY_TEST_TRINO_JAVA");
        Path java = javaSetting == null ? DEFAULT_JAVA : Path.of(javaSetting);
        if (home == null || !Files.isDirectory(Path.of(home, "lib")) || !Files.isExecutable(java)) {
            return null;
        }
        Path install = Path.of(home).toAbsolutePath();
        Path dir = Files.createTempDirectory("trino-test");
        int port = freePort();
        Files.createDirectories(dir.resolve("etc/catalog"));
        Files.writeString(dir.resolve("etc/config.properties"), String.join("\n",
                "coordinator=true",
                "node-scheduler.include-coordinator=true",
                "http-server.http.port=" + port,
                "discovery.uri=http://127.0.0.1:" + port,
                "query.max-memory=256MB",
                "query.max-memory-per-node=256MB",
                "") );
        Files.writeString(dir.resolve("etc/catalog/memory.properties"),
                "connector.name=memory\nmemory.max-data-per-node=64MB\n");
        // Only the memory connector's plugin: the core's own plugins are hard links into lib/ in the tar.gz, which
        // Maven's unpacker turns into empty files that Trino cannot load.
        Path memoryPlugin = memoryPlugin(install.resolve("plugin"));
        Files.createDirectories(dir.resolve("plugin"));
        Files.createSymbolicLink(dir.resolve("plugin/memory"), memoryPlugin);
        if (Files.isDirectory(install.resolve("secrets-plugin"))) {
            Files.createSymbolicLink(dir.resolve("secrets-plugin"), install.resolve("secrets-plugin"));
        }
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx768m", "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError", "-Djdk.attach.allowAttachSelf=true",
                "-Dconfig=" + dir.resolve("etc/config.properties"), "-Dnode.environment=test",
                "-Dnode.id=tideway-test", "-Dnode.data-dir=" + dir,
                "-Dlog.output-file=" + dir.resolve("server.log"), "-Dlog.enable-console=false",
                "-cp", install.resolve("lib") + "/*", "io.trino.server.TrinoServer"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.log").toFile())
                .start();
        TrinoTestServer server = new TrinoTestServer(process, port, dir);
        try {
            HttpClient http = HttpClient.newHttpClient();
            await("Trino started (log in " + dir + ")").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("Trino exited with " + process.exitValue()
                                    + "; see " + dir.resolve("console.log"));
                        }
                        return server.started(http);
                    });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static Path memoryPlugin(Path plugins) throws IOException {
        try (var dirs = Files.list(plugins)) {
            return dirs.filter(d -> d.getFileName().toString().contains("memory")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No memory connector plugin in " + plugins
                            + ": unpack io.trino:trino-memory (zip) there"));
        }
    }

    private boolean started(HttpClient http) {
        try {
            HttpResponse<String> info = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v1/info")).build(), HttpResponse.BodyHandlers.ofString());
            return info.statusCode() == 200 && info.body().replace(" ", "").contains("\"starting\":false");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String jdbcUrl() {
        return "jdbc:trino://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
