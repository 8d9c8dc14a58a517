package io.tideway.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.destination.SecretBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    static LocalStack stack() {
        return new LocalStack(repo(), homeDir());
    }

    @Command(name = "up", description = "Start the local stack in the background and wait until it is ready.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--no-demo-ftp", description = "Do not start the demo FTP server on port 2121.")
        boolean noDemoFtp;

        @Override
        public Integer call() throws Exception {
            LocalStack local = stack();
            Instant began = Instant.now();
            boolean started = local.up(!noDemoFtp);
            StackHome stack = local.home();
            System.out.println(!started ? "The local stack is already running." : "The local stack is ready ("
                    + Duration.between(began, Instant.now()).toMillis() / 1000.0 + " s).");
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

    @Command(name = "status", description = "Show each service with its pid, restarts and URL.")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            LocalStack local = stack();
            if (local.supervisor().isEmpty()) {
                System.out.println("The local stack is not running. Start it with: bin/tideway up");
                return 3;
            }
            JsonNode status = local.status().orElseThrow();
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
                description = "kafka, query-service, scheduler, ftp-writer, web-writer or supervisor; all when omitted.")
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
