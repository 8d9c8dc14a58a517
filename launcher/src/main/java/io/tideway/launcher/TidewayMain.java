package io.tideway.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.destination.SecretBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/tideway}: runs the local stack. */
@Command(name = "tideway", mixinStandardHelpOptions = true,
        description = "Runs Tideway's local stack: a Kafka broker, every service, a sample warehouse, a demo FTP server.",
        subcommands = {TidewayMain.Up.class, TidewayMain.Down.class, TidewayMain.Status.class, TidewayMain.Scale.class,
                TidewayMain.Logs.class, TidewayMain.Env.class, Account.class, Demo.class, TidewayMain.SecretKey.class})
public final class TidewayMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new TidewayMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    /** The stack's directory: $TIDEWAY_HOME, else .tideway in the checkout. */
    static Path homeDir() {
        return Optional.ofNullable(System.getenv("TIDEWAY_HOME")).filter(h -> !h.isBlank()).map(Path::of)
                .orElse(repo().resolve(".tideway")).toAbsolutePath();
    }

    static Path repo() {
        return Path.of(System.getProperty("tideway.repo", ".")).toAbsolutePath().normalize();
    }

    static LocalStack stack() {
        return new LocalStack(repo(), homeDir());
    }

    @Command(name = "up", description = "Start the local stack in the background and wait until it is ready.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--no-demo-ftp", description = "Do not start the demo FTP server on port 2121.")
        boolean noDemoFtp;

        @Option(names = "--scale", paramLabel = "WRITER=N", description = "Run N instances of a writer (ftp-writer, "
                + "web-writer, td-writer) in its consumer group; kept for the next `up`, like `scale`. Repeatable.")
        Map<String, Integer> scale = new LinkedHashMap<>();

        @Option(names = "--jvm", paramLabel = "SERVICE=OPTIONS", description = "Extra JVM options for a service "
                + "(kafka, query-service, scheduler, ftp-writer, web-writer, td-writer), after the stack's own, e.g. "
                + "--jvm ftp-writer=-Xmx256m. For this run only. Repeatable.")
        Map<String, String> jvm = new LinkedHashMap<>();

        @Option(names = "--no-cds", description = "Do not use class-data sharing archives (.tideway/cds) for the "
                + "JVMs: slower start-up, for comparison or if an archive causes trouble.")
        boolean noCds;

        @Override
        public Integer call() throws Exception {
            LocalStack local = stack();
            for (Map.Entry<String, Integer> writer : scale.entrySet()) {
                local.home().withScale(writer.getKey(), writer.getValue());
            }
            Instant began = Instant.now();
            boolean started = local.up(new LocalStack.Options(!noDemoFtp, !noCds, jvm));
            StackHome stack = local.home();
            if (started) {
                System.out.println("The local stack is ready (" + Duration.between(began, Instant.now()).toMillis()
                        / 1000.0 + " s).");
            } else {
                System.out.println("The local stack is already running" + (scale.isEmpty() && jvm.isEmpty() ? "."
                        : (scale.isEmpty() ? "" : "; it applies --scale now") + (jvm.isEmpty() ? "." : "; --jvm "
                        + "applies to a stack started with it (bin/tideway down first).")));
            }
            System.out.println("  API endpoint: " + stack.apiEndpoint());
            System.out.println("  API key:      " + stack.apiKey());
            if (!noDemoFtp) {
                System.out.println("  Demo FTP:     ftp://" + DemoFtpServer.USER + ":" + DemoFtpServer.PASSWORD
                        + "@127.0.0.1:" + stack.port("demo-ftp") + "/ (files in " + stack.dir().resolve("ftp") + ")");
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
            System.out.println(stack().down() ? "The local stack is stopped." : "The local stack is not running.");
            return 0;
        }
    }

    @Command(name = "status", description = "Show each service (each writer instance) with its pid, restarts, "
            + "state and URL.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            LocalStack local = stack();
            if (local.supervisor().isEmpty()) {
                System.out.println("The local stack is not running. Start it with: bin/tideway up");
                return 3;
            }
            Optional<JsonNode> found = local.status();
            if (found.isEmpty()) {
                System.out.println("The local stack is starting (no status yet).");
                return 0;
            }
            JsonNode status = found.get();
            System.out.println("Local stack: " + status.path("state").asText() + " (supervisor pid "
                    + status.path("supervisorPid").asText() + ")");
            System.out.printf("%-16s %-8s %-9s %-9s %s%n", "SERVICE", "PID", "RESTARTS", "STATE", "URL");
            for (JsonNode service : status.path("services")) {
                String name = service.path("name").asText();
                String instance = service.path("instance").asText(name);
                boolean up = !service.path("pid").isNull() && service.has("pid");
                System.out.printf("%-16s %-8s %-9s %-9s %s%n", StackHome.WRITERS.contains(name) ? instance : name,
                        up ? service.path("pid").asText() : "-", service.path("restarts").asText(),
                        !up ? "down" : service.path("ready").asBoolean(true) ? "ready" : "starting",
                        service.path("url").asText());
            }
            return 0;
        }
    }

    @Command(name = "scale", description = "Run N instances of a writer in its consumer group (each with its own "
            + "port and instance id WRITER-1..N), without restarting anything else; kept for the next `up`.")
    static final class Scale implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "WRITER", description = "ftp-writer, web-writer or td-writer.")
        String writer;

        @Parameters(index = "1", paramLabel = "N", description = "Instances, 1 to 16.")
        int instances;

        @Override
        public Integer call() throws InterruptedException {
            LocalStack local = stack();
            if (!StackHome.WRITERS.contains(writer) || instances < 1 || instances > StackHome.MAX_INSTANCES) {
                System.err.println("Only writers scale (" + String.join(", ", StackHome.WRITERS) + "), to 1.."
                        + StackHome.MAX_INSTANCES + " instances.");
                return 2;
            }
            boolean running = local.supervisor().isPresent();
            boolean ready = local.scale(writer, instances, LocalStack.READY_TIMEOUT);
            if (!running) {
                System.out.println(writer + " will run " + instances + " instance(s) from the next `bin/tideway up`.");
                return 0;
            }
            if (local.instances(writer).isEmpty()) {
                System.err.println(writer + " is not part of this stack (its module was not built when the stack "
                        + "started); it will run " + instances + " instance(s) from the next `bin/tideway up`.");
                return 1;
            }
            for (JsonNode instance : local.instances(writer)) {
                System.out.printf("%-16s %-8s %s%n", instance.path("instance").asText(),
                        instance.path("pid").isNull() ? "-" : instance.path("pid").asText(),
                        instance.path("url").asText());
            }
            if (!ready) {
                System.err.println(writer + " did not reach " + instances + " ready instance(s) in time; see "
                        + "bin/tideway status and bin/tideway logs supervisor");
                return 1;
            }
            System.out.println(writer + ": " + instances + " instance(s) ready.");
            return 0;
        }
    }

    @Command(name = "logs", description = "Print the end of a service's log (or of all logs).")
    static final class Logs implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "SERVICE",
                description = "kafka, query-service, scheduler, ftp-writer, web-writer, td-writer (ftp-writer-2 ... for "
                        + "more instances) or supervisor; all when omitted.")
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
