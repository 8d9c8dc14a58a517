package io.tideway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bench/run [--only NAME[,NAME]] [--rows N]}: runs the five measurements of issue 6 on a local stack of its
 * own (started in a fresh directory under bench/target, stopped at the end, also on failure), prints the table
 * and writes it as Markdown to bench/target/benchmarks.md. Benchmarks report; a missed target fails nothing.
 *
 * <p>Names: startup, bulk, latency, scaleout, memory, schedules ({@link SchedulesBench}, on a broker and scheduler
 * of its own, not the stack).
 */
public final class BenchMain {

    static final List<String> NAMES = List.of("startup", "bulk", "latency", "scaleout", "memory", "schedules");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path repoArg = Path.of(".").toAbsolutePath().normalize();
        Set<String> only = new LinkedHashSet<>(NAMES);
        long rows = 2_000_000;
        long memoryRows = 5_000_000;
        int latencyJobs = 200;
        int scaleJobs = 60;
        int repeat = 1;
        boolean snapshot = true;
        int schedules = 10_000;
        int scheduleRounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repo" -> repoArg = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--only" -> {
                    only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                    for (String name : only) {
                        if (!NAMES.contains(name)) {
                            usage("Unknown measurement " + name);
                        }
                    }
                }
                case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
                case "--memory-rows" -> memoryRows = Long.parseLong(args[++i].replace("_", ""));
                case "--latency-jobs" -> latencyJobs = Integer.parseInt(args[++i]);
                case "--scale-jobs" -> scaleJobs = Integer.parseInt(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                case "--schedules" -> schedules = Integer.parseInt(args[++i].replace("_", ""));
                case "--schedule-rounds" -> scheduleRounds = Integer.parseInt(args[++i]);
                case "--no-snapshot" -> snapshot = false;
                case "-h", "--help" -> usage(null);
                default -> usage("Unknown argument " + args[i]);
            }
        }
        if (schedules < 1 || scheduleRounds < 1 || repeat < 1) {
            usage("--schedules, --schedule-rounds and --repeat take a number of at least 1");
        }
        Path checkout = repoArg;
        Instant started = Instant.now();
        Path runDir = checkout.resolve("bench/target/runs")
                .resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(started.atOffset(ZoneOffset.UTC)));
        Files.createDirectories(runDir);
        Machine machine = Machine.describe();
        System.out.println("Tideway benchmarks: " + String.join(", ", only) + "; working in " + runDir);
        System.out.println("Machine: " + machine.oneLine());
        // The services run from a copy of the checkout's build, so that a rebuild during the run cannot disturb them.
        Path repo = snapshot ? Snapshot.take(checkout, runDir.resolve("build")) : checkout;

        List<Measurement> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (snapshot) {
            notes.add("The services ran from a copy of the checkout's build (target/classes and the project's jars) "
                    + "taken when the run started, in " + repo + ".");
        }
        if (only.contains("startup")) {
            results.add(measure("5. Start-up (up → ready)",
                    () -> StartUpBench.run(repo, runDir.resolve("startup-home"))));
        }
        if (only.contains("schedules")) {
            int n = schedules;
            int r = scheduleRounds;
            results.add(measure("6. Schedules", () -> SchedulesBench.run(repo, runDir.resolve("schedules"), n, r)));
        }
        Set<String> onStack = new LinkedHashSet<>(only);
        onStack.remove("startup");
        onStack.remove("schedules");
        if (!onStack.isEmpty()) {
            runOnStack(repo, runDir, onStack, rows, memoryRows, latencyJobs, scaleJobs, repeat, results, notes);
        }
        results.sort((a, b) -> a.name.compareTo(b.name));

        Report report = new Report(machine, started, results, notes);
        System.out.println();
        System.out.print(report.text());
        Path markdown = checkout.resolve("bench/target/benchmarks.md");
        report.write(markdown);
        Files.copy(markdown, runDir.resolve("benchmarks.md"), StandardCopyOption.REPLACE_EXISTING);
        System.out.println("\nWritten to " + markdown);
        System.exit(results.stream().anyMatch(m -> m.error != null) ? 2 : 0);
    }

    private static void runOnStack(Path repo, Path runDir, Set<String> only, long rows, long memoryRows,
                                   int latencyJobs, int scaleJobs, int repeat, List<Measurement> results,
                                   List<String> notes)
            throws Exception {
        Path home = runDir.resolve("home");
        Path referenceDb = runDir.resolve("reference/warehouse.duckdb");
        if (only.contains("bulk")) {
            long t0 = System.nanoTime();
            System.out.println("Making testdb." + AccessTable.TABLE + " with " + rows + " rows ...");
            AccessTable.create(referenceDb, rows);
            Path warehouse = home.resolve("data/query-service/warehouse.duckdb");
            Files.createDirectories(warehouse.getParent());
            Files.copy(referenceDb, warehouse, StandardCopyOption.REPLACE_EXISTING);
            notes.add("testdb." + AccessTable.TABLE + " (" + Stats.count(rows) + " rows, "
                    + Stats.mib(Files.size(referenceDb)) + " DuckDB file) was made in "
                    + Stats.seconds((System.nanoTime() - t0) / 1e6) + " and copied into the stack's warehouse "
                    + "before it started.");
        }
        System.out.println("Starting the local stack in " + home + " ...");
        AtomicReference<BenchStack> running = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            BenchStack s = running.getAndSet(null);
            if (s != null) {
                try {
                    s.close();
                } catch (Exception e) {
                    System.err.println("Stopping the stack failed: " + e.getMessage());
                }
            }
        }, "bench-stop-stack");
        Runtime.getRuntime().addShutdownHook(hook);
        BenchStack s = BenchStack.up(repo, home);
        running.set(s);
        try {
            notes.add("The stack for measurements 1–4 came up in " + Stats.seconds(s.upMillis)
                    + " (fresh directory" + (only.contains("bulk") ? ", warehouse file already present" : "")
                    + "); its files and logs are in " + home + ".");
            System.out.println("Stack up in " + Stats.seconds(s.upMillis) + "; API " + s.settings().apiEndpoint());
            // --repeat N: each of these N times on the same stack, so that one noisy run is not believed alone
            for (int run = 1; run <= repeat; run++) {
                String suffix = repeat == 1 ? "" : " (run " + run + " of " + repeat + ")";
                if (only.contains("bulk")) {
                    long r = rows;
                    results.add(renamed(measure("1. Bulk export" + suffix,
                            () -> BulkExportBench.run(s, referenceDb, runDir, r)), suffix));
                }
                if (only.contains("latency")) {
                    results.add(renamed(measure("2. Small-job latency" + suffix,
                            () -> LatencyBench.run(s, latencyJobs)), suffix));
                }
                if (only.contains("scaleout")) {
                    results.add(renamed(measure("4. Scale-out" + suffix,
                            () -> ScaleOutBench.run(s, runDir, scaleJobs)), suffix));
                }
            }
            if (only.contains("memory")) {
                results.add(measure("3. Memory", () -> MemoryBench.run(s, runDir, memoryRows)));
            }
            if (s.watcher().undecodable() > 0) {
                notes.add(s.watcher().undecodable() + " job events could not be decoded by the harness (schemas "
                        + "out of step with the services?).");
            }
        } finally {
            BenchStack stack = running.getAndSet(null);
            if (stack != null) {
                System.out.println("Stopping the local stack ...");
                stack.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    private static Measurement measure(String name, Callable<Measurement> body) {
        System.out.println("\n== " + name);
        String loadBefore = Machine.loadAverage();
        long t0 = System.nanoTime();
        Measurement m;
        try {
            m = body.call();
        } catch (Exception | Error e) {
            e.printStackTrace();
            m = new Measurement(name);
            m.error = e.getClass().getSimpleName() + ": " + e.getMessage();
            m.how = "did not complete";
        }
        m.load = loadBefore + " → " + Machine.loadAverage();
        System.out.println("   " + m.name + ": " + m.tideway + " (reference " + m.reference + ", ratio " + m.ratio
                + ", target " + m.target + ", met " + m.metText() + ") in "
                + Stats.seconds((System.nanoTime() - t0) / 1e6) + "; load " + m.load);
        return m;
    }

    private static Measurement renamed(Measurement m, String suffix) {
        return suffix.isEmpty() || m.name.endsWith(suffix) ? m : m.renamed(m.name + suffix);
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println("usage: bench/run [--only " + String.join(",", NAMES) + "] [--rows N] [--memory-rows N] "
                + "[--latency-jobs N] [--scale-jobs N] [--repeat N] [--schedules N] [--schedule-rounds N] "
                + "[--no-snapshot]");
        System.exit(problem == null ? 0 : 64);
    }
}
