package io.tideway.scheduler;

import io.tideway.testing.SharedKafka;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scheduler service as its own JVM, started the way the launcher starts it: this module's classes and the
 * runtime class path the build wrote to {@code target/runtime-classpath.txt}, settings as system properties, output
 * to a log file in the test's directory. {@link #kill()} is a real SIGKILL.
 */
final class SchedulerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String instanceId;
    private final Process process;
    private final int port;

    private SchedulerProcess(String instanceId, Process process, int port) {
        this.instanceId = instanceId;
        this.process = process;
        this.port = port;
    }

    /** Starts an instance named {@code instanceId} with {@code settings} (tideway.* and others) as -D options. */
    static SchedulerProcess start(String instanceId, Path dir, Map<String, String> settings) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dmicronaut.server.port=" + port,
                "-Dtideway.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "-Dtideway.instance-id=" + instanceId,
                "-Dtideway.scheduler.state-dir=" + dir.resolve(instanceId + "-state")));
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-cp", classpath(), SchedulerServiceMain.class.getName()));
        Path log = dir.resolve(instanceId + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new SchedulerProcess(instanceId, process, port);
    }

    /** Whether {@code /health} answers UP: its streams are RUNNING. */
    boolean isRunning() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String instanceId() {
        return instanceId;
    }

    /** The worker name on the QUEUED events it publishes. */
    String worker() {
        return "scheduler-" + instanceId;
    }

    /** SIGKILL: no shutdown hook, no leaving the group, no commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static String classpath() throws IOException {
        Path target = Path.of("target");
        return target.resolve("classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(target.resolve("runtime-classpath.txt")).strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
