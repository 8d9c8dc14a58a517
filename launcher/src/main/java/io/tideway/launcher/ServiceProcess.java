package io.tideway.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** One service of the stack run as its own JVM, with its log file, its readiness check and its restarts. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String instance;
    private final String classpath;
    private final Runnable afterCleanStop;
    private final boolean records;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final BooleanSupplier ready;
    private final String url;
    private Process process;
    private int restarts = -1;
    private volatile boolean isReady;

    /**
     * {@code instance} names this copy of the service (e.g. ftp-writer-2; the name for a service that runs once);
     * {@code launch} gives its class path and the class-data sharing options, put before {@code jvmOptions} so
     * that these win.
     */
    ServiceProcess(String name, String instance, String mainClass, ClassDataSharing.Launch launch,
                   List<String> jvmOptions, List<String> args, Map<String, String> environment, Path log,
                   BooleanSupplier ready, String url) {
        this.name = name;
        this.instance = instance;
        this.classpath = launch.classpath();
        this.afterCleanStop = launch.afterCleanStop();
        this.records = launch.records();
        this.command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.options());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        this.environment = environment;
        this.log = log;
        this.ready = ready;
        this.url = url;
    }

    /** A readiness check that asks a Micronaut service's /health endpoint. */
    static BooleanSupplier healthy(String baseUrl) {
        return () -> {
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                return response.statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
    }

    synchronized void start() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            isReady = false;
            process = builder.start();
            restarts++;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Asks the service whether it is ready, if it has not said so since it (re)started; true once it has. */
    boolean probe() {
        if (!isReady && alive() && ready.getAsBoolean()) {
            isReady = true;
        }
        return isReady;
    }

    /** Whether the service has answered as ready since it last (re)started. */
    boolean ready() {
        return isReady && alive();
    }

    /** Waits until the service answers as ready; fails with the end of its log if it dies or the time runs out. */
    void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!probe()) {
            if (!alive()) {
                throw new IllegalStateException(name + " stopped while starting (exit " + process.exitValue()
                        + "); see " + log + ":\n" + LogTail.of(log, 25));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s; see "
                        + log + ":\n" + LogTail.of(log, 25));
            }
            Thread.sleep(200);
        }
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Stops the service (SIGTERM, then SIGKILL after {@code grace}); a clean stop of a ready one keeps its CDS. */
    synchronized void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        boolean wasReady = isReady;
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                if (wasReady) {
                    afterCleanStop.run();
                }
            } else {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    String name() {
        return name;
    }

    String instance() {
        return instance;
    }

    /** Whether this JVM writes a class-data sharing archive as it exits (which takes a few seconds more). */
    boolean records() {
        return records;
    }

    String classpath() {
        return classpath;
    }

    synchronized Optional<Long> pid() {
        return alive() ? Optional.of(process.pid()) : Optional.empty();
    }

    synchronized int restarts() {
        return Math.max(restarts, 0);
    }

    String url() {
        return url;
    }

    Path log() {
        return log;
    }
}
