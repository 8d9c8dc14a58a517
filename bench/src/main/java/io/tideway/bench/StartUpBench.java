package io.tideway.bench;

import io.tideway.launcher.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** 5. Start-up: {@code LocalStack.up} to ready on a fresh directory, as {@code bin/tideway up} runs it. */
final class StartUpBench {

    static final double TARGET_MS = 20_000;
    private static final Pattern READY = Pattern.compile("Local stack ready in (\\d+) ms");

    private StartUpBench() {
    }

    static Measurement run(Path repo, Path home) throws Exception {
        Measurement m = new Measurement("5. Start-up (up → ready)");
        m.target = "≤ 20 s";
        m.how = "LocalStack(repo, fresh dir).up(true) — what `bin/tideway up` calls — timed with System.nanoTime "
                + "from the call until it returns (status.json says ready: broker, topics, query-service, ftp-writer, "
                + "web-writer all healthy, demo FTP and web servers listening), on a new empty directory. "
                + "Includes the supervisor JVM's own start. The stack is then stopped.";
        LocalStack stack = new LocalStack(repo, home);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.down();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        long t0 = System.nanoTime();
        long ms;
        try {
            stack.up(true);
            ms = (System.nanoTime() - t0) / 1_000_000;
        } finally {
            long d0 = System.nanoTime();
            stack.down();
            m.detail("down took " + Stats.ms((System.nanoTime() - d0) / 1e6));
        }
        m.tideway = Stats.seconds(ms);
        m.met = ms <= TARGET_MS;
        Path log = home.resolve("logs").resolve("supervisor.log");
        if (Files.exists(log)) {
            Matcher matcher = READY.matcher(Files.readString(log));
            if (matcher.find()) {
                m.detail("the supervisor's own count (broker start to every service healthy): "
                        + Stats.ms(Long.parseLong(matcher.group(1))) + "; the rest is the supervisor JVM starting");
            }
        }
        return m;
    }
}
