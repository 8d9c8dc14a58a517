package io.tideway.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code bin/tideway demo}: Tideway's main job, end to end, on the local stack. */
@Command(name = "demo", description = "Start the stack, deliver a query's result to the demo FTP server, print the "
        + "delivered file, and stop what it started.")
final class Demo implements Callable<Integer> {

    static final String QUERY = "SELECT v['code'] AS code, COUNT(1) AS cnt FROM www_access GROUP BY v['code'] "
            + "ORDER BY code";
    static final String FILE = "reports/path.csv";

    @Override
    public Integer call() throws Exception {
        LocalStack local = TidewayMain.stack();
        System.out.println("Starting the local stack (Kafka broker, query-service, ftp-writer, demo FTP server)...");
        boolean started = local.up(true);
        try {
            StackHome stack = local.home();
            Path delivered = stack.dir().resolve("ftp").resolve(FILE);
            Files.deleteIfExists(delivered);
            String url = "ftp://" + DemoFtpServer.USER + ":" + DemoFtpServer.PASSWORD + "@127.0.0.1:"
                    + stack.port("demo-ftp") + "/" + FILE;
            List<String> td = List.of("query", "--result", url, "-w", "-d", "testdb", QUERY);
            System.out.println("$ td query --result '" + url.replace(":" + DemoFtpServer.PASSWORD + "@", ":***@")
                    + "' -w -d testdb \"" + QUERY + "\"");
            int exit = runTd(stack, td);
            if (exit != 0) {
                System.err.println("The demo job failed (td exited " + exit + "); see bin/tideway logs");
                return exit;
            }
            System.out.println("\nThe FTP server now holds /" + FILE + ":");
            System.out.print(Files.readString(delivered, StandardCharsets.UTF_8));
            return 0;
        } finally {
            if (started) {
                System.out.println("Stopping the local stack...");
                local.down();
            }
        }
    }

    private static int runTd(StackHome stack, List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Classpaths.of(TidewayMain.repo(), "cli"), "io.tideway.cli.TdMain"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("TD_API_SERVER", stack.apiEndpoint());
        builder.environment().put("TD_API_KEY", stack.apiKey());
        return builder.start().waitFor();
    }
}
