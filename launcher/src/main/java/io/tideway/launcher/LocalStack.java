package io.tideway.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts, finds and stops the local stack of a checkout: a {@link Supervisor} process running in the background. */
public final class LocalStack {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(150);

    private final Path repo;
    private final StackHome home;

    public LocalStack(Path repo, Path homeDir) {
        this.repo = repo.toAbsolutePath().normalize();
        this.home = StackHome.open(homeDir.toAbsolutePath());
    }

    public StackHome home() {
        return home;
    }

    /** The running supervisor, if there is one. */
    public Optional<ProcessHandle> supervisor() {
        try {
            if (!Files.exists(home.pidFile())) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(home.pidFile()).strip()))
                    .filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * How to start the stack: the demo servers or not, class-data sharing or not, and extra JVM options per service
     * (e.g. {@code ftp-writer} → {@code -Xmx256m}), added after the stack's own so that they win.
     */
    public record Options(boolean demoFtp, boolean classDataSharing, Map<String, String> jvmOptions) {
        public Options {
            jvmOptions = Map.copyOf(jvmOptions);
        }
    }

    /** Starts the stack in the background and waits until it is ready; false if it was running already. */
    public boolean up(boolean demoFtp) throws IOException, InterruptedException {
        return up(new Options(demoFtp, true, Map.of()));
    }

    /** Starts the stack in the background and waits until it is ready; false if it was running already. */
    public boolean up(Options options) throws IOException, InterruptedException {
        if (supervisor().isPresent()) {
            return false;
        }
        Files.deleteIfExists(home.statusFile());
        ClassDataSharing.Launch launch = new ClassDataSharing(home.cds(), options.classDataSharing())
                .launch(repo, "launcher", "supervisor", "supervisor");
        List<String> command = new ArrayList<>(List.of("setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(launch.options());
        // The supervisor moves no data: the C1 compiler alone starts it sooner.
        command.addAll(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", launch.classpath(), Supervisor.class.getName(), home.dir().toString(), repo.toString()));
        if (!options.demoFtp()) {
            command.add("--no-demo-ftp");
        }
        if (!options.classDataSharing()) {
            command.add("--no-cds");
        }
        options.jvmOptions().forEach((service, jvm) -> command.addAll(List.of("--jvm", service + "=" + jvm)));
        Path log = home.logs().resolve("supervisor.log");
        // setsid: the stack outlives the terminal and the command that started it.
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Files.writeString(home.pidFile(), String.valueOf(process.pid()));
        awaitReady(process, log);
        return true;
    }

    /**
     * Runs N instances of a writer, persisted in stack.properties; a running stack starts or stops instances within
     * a second, and this waits (up to {@code timeout}) until exactly N run and answer as ready. Returns whether they
     * do; false at once if the stack is not running (the next {@code up} uses N) or runs no instance of the writer (its
     * module was not built when the stack started).
     */
    public boolean scale(String writer, int instances, Duration timeout) throws InterruptedException {
        home.withScale(writer, instances);
        if (supervisor().isEmpty() || instances(writer).isEmpty()) {
            return false;
        }
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<JsonNode> running = instances(writer);
            if (running.size() == instances && running.stream().allMatch(s -> s.path("ready").asBoolean())) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** The status entries of a service's instances. */
    public List<JsonNode> instances(String service) {
        List<JsonNode> found = new ArrayList<>();
        status().ifPresent(s -> s.path("services").forEach(node -> {
            if (node.path("name").asText().equals(service)) {
                found.add(node);
            }
        }));
        return found;
    }

    private void awaitReady(Process process, Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            String state = status().map(s -> s.path("state").asText()).orElse("starting");
            if (state.equals("ready")) {
                return;
            }
            if (state.equals("failed") || !process.isAlive()) {
                throw new IllegalStateException("The local stack did not start. End of " + log + ":\n"
                        + LogTail.of(log, 30));
            }
            if (Instant.now().isAfter(deadline)) {
                process.destroy();
                throw new IllegalStateException("The local stack was not ready after " + READY_TIMEOUT.toSeconds()
                        + " s; see the logs in " + home.logs());
            }
            Thread.sleep(200);
        }
    }

    /** What the supervisor last wrote about the stack: state, and each service with pid, restarts and URL. */
    public Optional<JsonNode> status() {
        try {
            return Files.exists(home.statusFile())
                    ? Optional.of(new ObjectMapper().readTree(home.statusFile().toFile())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Stops the supervisor, which stops every service, and waits for it; false if none was running. */
    public boolean down() throws InterruptedException {
        Optional<ProcessHandle> supervisor = supervisor();
        if (supervisor.isEmpty()) {
            return false;
        }
        boolean wasReady = status().map(s -> s.path("state").asText().equals("ready")).orElse(false);
        supervisor.get().destroy();
        try {
            supervisor.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (wasReady) {
                // The supervisor recorded the classes it used as it exited (if it had no archive yet): keep them.
                new ClassDataSharing(home.cds(), true).keepRecorded("supervisor", "supervisor");
            }
        } catch (ExecutionException | TimeoutException e) {
            supervisor.get().destroyForcibly();
        }
        return true;
    }
}
