package io.tideway.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.destination.SecretBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/tideway}: runs the local stack. */
@Command(name = "tideway", mixinStandardHelpOptions = true,
        description = "Runs Tideway's local stack: a Kafka broker, every service, a sample warehouse, a demo FTP server.",
        subcommands = {TidewayMain.Up.class, TidewayMain.Down.class, TidewayMain.Status.class, TidewayMain.Logs.class,
                TidewayMain.Env.class, Demo.class, TidewayMain.SecretKey.class})
public final class TidewayMain {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    public static void main(String[] args) {
        System.exit(new CommandLine(new TidewayMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    /** The stack's directory: $TIDEWAY_HOME, else .tideway in the checkout. */
    static Path homeDir() {
        return Optional.ofNullable(System.getenv("TIDEWAY_HOME")).map(Path::of)
                .orElse(repo().resolve(".tideway")).toAbsolutePath();
    }

    static Path repo() {
        return Path.of(System.getProperty("tideway.repo", ".")).toAbsolutePath().normalize();
    }

    /** The running supervisor of the stack in {@code home}, if there is one. */
    static Optional<ProcessHandle> running(Path home) {
        try {
            Path pid = home.resolve("supervisor.pid");
            if (!Files.exists(pid)) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Starts the supervisor in the background and waits until the stack is ready; true if it was already up. */
    static boolean up(Path home, boolean demoFtp) throws Exception {
        if (running(home).isPresent()) {
            return true;
        }
        StackHome stack = StackHome.open(home);
        Files.deleteIfExists(stack.statusFile());
        List<String> command = new ArrayList<>(List.of("setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), Supervisor.class.getName(),
                home.toString(), repo().toString()));
        if (!demoFtp) {
            command.add("--no-demo-ftp");
        }
        Path log = stack.logs().resolve("supervisor.log");
        Process supervisor = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        Files.writeString(stack.pidFile(), String.valueOf(supervisor.pid()));
        awaitReady(stack, supervisor, log);
        return false;
    }

    private static void awaitReady(StackHome stack, Process supervisor, Path log) throws Exception {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            String state = status(stack).map(s -> s.path("state").asText()).orElse("starting");
            if (state.equals("ready")) {
                return;
            }
            if (state.equals("failed") || !supervisor.isAlive()) {
                throw new IllegalStateException("The local stack did not start. End of " + log + ":\n"
                        + LogTail.of(log, 30));
            }
            if (Instant.now().isAfter(deadline)) {
                supervisor.destroy();
                throw new IllegalStateException("The local stack was not ready after " + READY_TIMEOUT.toSeconds()
                        + " s; see the logs in " + stack.logs());
            }
            Thread.sleep(200);
        }
    }

    static Optional<JsonNode> status(StackHome stack) {
        try {
            return Files.exists(stack.statusFile())
                    ? Optional.of(new ObjectMapper().readTree(stack.statusFile().toFile())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Stops the stack's supervisor (which stops every service) and waits for it; false if none was running. */
    static boolean down(Path home) throws InterruptedException {
        Optional<ProcessHandle> supervisor = running(home);
        if (supervisor.isEmpty()) {
            return false;
        }
        supervisor.get().destroy();
        try {
            supervisor.get().onExit().get(90, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            supervisor.get().destroyForcibly();
        }
        return true;
    }

    @Command(name = "up", description = "Start the local stack in the background and wait until it is ready.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--no-demo-ftp", description = "Do not start the demo FTP server on port 2121.")
        boolean noDemoFtp;

        @Override
        public Integer call() throws Exception {
            Path home = homeDir();
            Instant began = Instant.now();
            boolean already = up(home, !noDemoFtp);
            StackHome stack = StackHome.open(home);
            System.out.println(already ? "The local stack is already running." : "The local stack is ready ("
                    + Duration.between(began, Instant.now()).toMillis() / 1000.0 + " s).");
            System.out.println("  API endpoint: " + stack.apiEndpoint());
            System.out.println("  API key:      " + stack.apiKey());
            if (!noDemoFtp) {
                System.out.println("  Demo FTP:     ftp://" + DemoFtpServer.USER + ":" + DemoFtpServer.PASSWORD
                        + "@127.0.0.1:" + stack.port("demo-ftp") + "/ (files in " + home.resolve("ftp") + ")");
            }
            System.out.println("  Logs:         " + stack.logs());
            System.out.println("bin/td uses this stack by itself; for other tools: eval \"$(bin/tideway env)\"");
            return 0;
        }
    }

    @Command(name = "down", description = "Stop the local stack; its data stays for the next `up`.")
    static final class Down implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            System.out.println(down(homeDir()) ? "The local stack is stopped." : "The local stack is not running.");
            return 0;
        }
    }

    @Command(name = "status", description = "Show each service with its pid, restarts and URL.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            Path home = homeDir();
            if (running(home).isEmpty()) {
                System.out.println("The local stack is not running. Start it with: bin/tideway up");
                return 3;
            }
            JsonNode status = status(StackHome.open(home)).orElseThrow();
            System.out.println("Local stack: " + status.path("state").asText() + " (supervisor pid "
                    + status.path("supervisorPid").asText() + ")");
            System.out.printf("%-15s %-8s %-9s %s%n", "SERVICE", "PID", "RESTARTS", "URL");
            for (JsonNode service : status.path("services")) {
                System.out.printf("%-15s %-8s %-9s %s%n", service.path("name").asText(),
                        service.path("pid").isNull() ? "down" : service.path("pid").asText(),
                        service.path("restarts").asText(), service.path("url").asText());
            }
            return 0;
        }
    }

    @Command(name = "logs", description = "Print the end of a service's log (or of all logs).")
    static final class Logs implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "SERVICE",
                description = "kafka, query-service, ftp-writer or supervisor; all when omitted.")
        String service;

        @Option(names = {"-n", "--lines"}, defaultValue = "50", description = "Lines from each log (default 50).")
        int lines;

        @Override
        public Integer call() throws IOException {
            Path logs = homeDir().resolve("logs");
            if (service != null) {
                Path log = logs.resolve(service + ".log");
                if (!Files.exists(log)) {
                    System.err.println("No log for '" + service + "' in " + logs);
                    return 1;
                }
                System.out.println(LogTail.of(log, lines));
                return 0;
            }
            try (var files = Files.list(logs)) {
                for (Path log : files.sorted().toList()) {
                    System.out.println("==> " + log + " <==");
                    System.out.println(LogTail.of(log, lines));
                }
            }
            return 0;
        }
    }

    @Command(name = "env", description = "Print the exports that point td tools at the local stack.")
    static final class Env implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.print(StackHome.open(homeDir()).envLines());
            return 0;
        }
    }

    @Command(name = "secret-key", description = "Print a new secret key for tideway.secret-key (AES-256, base64).")
    static final class SecretKey implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.println(SecretBox.generateKey());
            return 0;
        }
    }
}
