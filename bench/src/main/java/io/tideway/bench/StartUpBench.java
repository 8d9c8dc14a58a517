package io.tideway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.launcher.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 5. Start-up: {@code LocalStack.up} to ready, as {@code bin/tideway up} runs it, twice on one directory: the first
 * start on a fresh directory (which records the class-data-sharing archives), then a second start that uses them,
 * which is what every later {@code up} is. With the CPU time each JVM had used by then, to show how much of the
 * wall time is CPU work that 2 cores cannot do faster.
 */
final class StartUpBench {

    static final double TARGET_MS = 20_000;
    private static final Pattern READY = Pattern.compile("Local stack ready in (\\d+) ms");
    private static final Pattern SERVICE_READY = Pattern.compile("\\] (\\S+) ready after (\\d+) ms");
    private static final Pattern BROKER = Pattern.compile("Kafka listens after (\\d+) ms");
    private static final List<String> SERVICES = List.of("kafka", "query-service", "scheduler", "ftp-writer",
            "web-writer", "td-writer");

    private StartUpBench() {
    }

    static Measurement run(Path repo, Path home) throws Exception {
        Measurement m = new Measurement("5. Start-up (up → ready)");
        m.target = "≤ 20 s";
        m.how = "LocalStack(repo, dir).up(true) — what `bin/tideway up` calls — timed with System.nanoTime from the "
                + "call until it returns (status.json says ready: broker, topics, every service healthy, demo FTP and "
                + "web servers listening), twice on one directory: first fresh (it records the class-data-sharing "
                + "archives when stopped), then again with the archives, as every later `up` runs; the figure is the "
                + "second. Includes the supervisor JVM's own start. CPU = user+system time of each JVM when the stack "
                + "became ready (/proc, via ProcessHandle); on 2 cores, wall time cannot be below total CPU / 2.";
        BenchStack.usePortsOfItsOwn(home);
        LocalStack stack = new LocalStack(repo, home);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.down();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        long fresh = startOnce(stack, home, m, "fresh directory (records the archives)");
        long withArchives = startOnce(stack, home, m, "with the archives");
        m.tideway = Stats.seconds(withArchives) + " (fresh: " + Stats.seconds(fresh) + ")";
        m.met = withArchives <= TARGET_MS;
        return m;
    }

    private static long startOnce(LocalStack stack, Path home, Measurement m, String label) throws Exception {
        Path log = home.resolve("logs").resolve("supervisor.log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        long t0 = System.nanoTime();
        long ms;
        StringBuilder cpu = new StringBuilder();
        try {
            stack.up(true);
            ms = (System.nanoTime() - t0) / 1_000_000;
            double total = 0;
            for (String service : SERVICES) {
                for (JsonNode node : stack.instances(service)) {
                    Duration used = ProcessHandle.of(node.path("pid").asLong(-1))
                            .flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
                    total += used.toMillis() / 1000.0;
                    cpu.append(node.path("instance").asText()).append(' ')
                            .append(Stats.fixed(used.toMillis() / 1000.0, 1)).append(" s, ");
                }
            }
            cpu.append("total ").append(Stats.fixed(total, 1)).append(" s CPU (≥ ")
                    .append(Stats.fixed(total / 2, 1)).append(" s of wall time on 2 cores)");
        } finally {
            long d0 = System.nanoTime();
            stack.down();
            m.detail(label + ": down took " + Stats.ms((System.nanoTime() - d0) / 1e6));
        }
        String text = Files.exists(log) ? Files.readString(log) : "";
        text = text.substring((int) Math.min(logStart, text.length()));
        List<String> steps = new ArrayList<>();
        Matcher broker = BROKER.matcher(text);
        if (broker.find()) {
            steps.add("broker listening " + Stats.ms(Long.parseLong(broker.group(1))));
        }
        Matcher ready = SERVICE_READY.matcher(text);
        while (ready.find()) {
            steps.add(ready.group(1) + " " + Stats.ms(Long.parseLong(ready.group(2))));
        }
        Matcher all = READY.matcher(text);
        String supervisor = all.find() ? Stats.ms(Long.parseLong(all.group(1))) : "n/a";
        m.detail(label + ": " + Stats.seconds(ms) + " (supervisor's count from its start: " + supervisor + "; ready "
                + "after the supervisor started: " + String.join(", ", steps) + "); load " + Machine.loadAverage()
                + "; CPU used by then: " + cpu);
        return ms;
    }
}
