package io.tideway.bench;

import io.tideway.schemas.JobEventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 3. Memory: a 5,000,000-row result through an ftp-writer JVM with {@code -Xmx256m}. The launcher runs its
 * ftp-writer with 384 MiB and restarts it if it dies, so the harness pauses it (SIGSTOP: alive, not consuming),
 * starts its own ftp-writer with 256 MiB in the same consumer group, waits until that one owns every partition
 * (the paused member is dropped when its session times out), delivers, then stops its writer and resumes the
 * stack's.
 */
final class MemoryBench {

    static final String INSTANCE = "ftp-writer-bench-256m";
    private static final Pattern GC = Pattern.compile("GC\\(\\d+\\) (Pause \\w+).*? (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private MemoryBench() {
    }

    static Measurement run(BenchStack s, Path workDir, long rows) throws Exception {
        Measurement m = new Measurement("3. Memory (" + Stats.count(rows) + "-row result, ftp-writer -Xmx256m)");
        m.target = "delivers with -Xmx256m";
        Path gcLog = workDir.resolve("ftp-writer-256m-gc.log");
        m.how = "The stack's ftp-writer (-Xmx384m) is paused with SIGSTOP — the launcher has no option to run it with "
                + "another heap, and would restart it if killed — and an ftp-writer JVM started by the harness "
                + "(same class path and settings as the supervisor's, -Xmx256m -XX:+UseSerialGC "
                + "-XX:+ExitOnOutOfMemoryError -Xlog:gc) joins the group tideway-ftp-writer; once it owns all 6 "
                + "partitions, `" + AccessTable.TABLE + "`'s query over range(" + rows + ") is submitted to "
                + "ftp://…/bench/memory.csv. Peak heap = the largest heap occupancy before a collection in the GC "
                + "log (the most the heap held), live set = the largest occupancy after a full collection; peak RSS = VmHWM from "
                + "/proc/<pid>/status just before the writer is stopped.";
        long stackWriter = s.pidOf("ftp-writer");
        ServiceJvm writer = null;
        s.pause(stackWriter);
        try {
            writer = s.startWriter("ftp-writer", "io.tideway.ftp.FtpWriterMain", INSTANCE, "256m",
                    List.of("-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog), workDir.resolve(INSTANCE + ".log"));
            writer.awaitHealthy(Duration.ofMinutes(2));
            long g0 = System.nanoTime();
            String group = s.awaitGroup("tideway-ftp-writer", 1, 6, INSTANCE, Duration.ofMinutes(3));
            m.detail("the harness's writer owned every partition " + Stats.seconds((System.nanoTime() - g0) / 1e6)
                    + " after it was healthy (the paused writer's session had to time out): " + group);

            String path = "bench/memory.csv";
            long t0 = System.currentTimeMillis();
            String id = s.submit(AccessTable.select(rows), s.ftpUrl(path));
            JobWatcher.Job job = s.watcher().job(id);
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            long peakRss = 0;
            while (job.terminal() == null && writer.alive() && System.nanoTime() < deadline) {
                peakRss = Math.max(peakRss, rss(writer.pid()));
                Thread.sleep(200);
            }
            peakRss = Math.max(peakRss, rss(writer.pid()));
            JobEventType end = job.terminal();
            boolean delivered = end == JobEventType.DELIVERED && INSTANCE.equals(job.deliveredBy);
            GcFigures gc = GcFigures.parse(gcLog);
            if (delivered) {
                long lines = FileCount.lines(s.ftpFile(path));
                m.tideway = "delivered; peak heap " + Stats.mib(gc.peakBefore) + " of 256 MiB";
                m.detail("delivered " + Stats.count(job.deliveredRows == null ? -1 : job.deliveredRows) + " rows, "
                        + Stats.mib(job.deliveredBytes == null ? 0 : job.deliveredBytes) + " (" + Stats.count(lines)
                        + " lines in the file) in " + Stats.seconds(job.time(JobEventType.DELIVERED) - t0)
                        + " from submit");
                Files.deleteIfExists(s.ftpFile(path));
            } else {
                m.tideway = !writer.alive() ? "did not deliver: the writer exited (see its log)"
                        : "did not deliver: " + (end == null ? "no end within 30 min" : end + " " + job.error
                        + (job.deliveredBy != null ? " by " + job.deliveredBy : ""));
            }
            m.met = delivered;
            m.detail(String.format(Locale.ROOT, "heap: peak before GC %s, largest live set (after a full GC) %s, heap "
                            + "committed at most %s; %d young and %d full collections, %.0f ms paused in all",
                    Stats.mib(gc.peakBefore), Stats.mib(gc.peakAfter), Stats.mib(gc.peakCommitted), gc.young, gc.full,
                    gc.pauseMs));
            m.detail("peak RSS of the writer JVM " + Stats.mib(peakRss) + " (heap, metaspace, threads, code, buffers)");
            m.detail("GC log: " + gcLog + "; writer log: " + writer.log);
        } finally {
            if (writer != null) {
                s.stop(writer);
            }
            s.resume(stackWriter);
        }
        return m;
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    /** Figures from a {@code -Xlog:gc} file. */
    record GcFigures(long peakBefore, long peakAfter, long peakCommitted, int young, int full, double pauseMs) {

        static GcFigures parse(Path log) throws IOException {
            if (!Files.exists(log)) {
                return new GcFigures(0, 0, 0, 0, 0, 0);
            }
            return parse(Files.readAllLines(log));
        }

        static GcFigures parse(List<String> lines) {
            long before = 0;
            long after = 0;
            long afterFull = -1;
            long committed = 0;
            int young = 0;
            int full = 0;
            double pause = 0;
            Pattern millis = Pattern.compile(" (\\d+(?:\\.\\d+)?)ms$");
            for (String line : lines) {
                Matcher g = GC.matcher(line);
                if (!g.find()) {
                    continue;
                }
                before = Math.max(before, bytes(g.group(2), g.group(3)));
                after = Math.max(after, bytes(g.group(4), g.group(5)));
                committed = Math.max(committed, bytes(g.group(6), g.group(7)));
                if (g.group(1).equals("Pause Full")) {
                    afterFull = Math.max(afterFull, bytes(g.group(4), g.group(5)));
                    full++;
                } else {
                    young++;
                }
                Matcher ms = millis.matcher(line.strip());
                if (ms.find()) {
                    pause += Double.parseDouble(ms.group(1));
                }
            }
            // After a full collection the heap holds only live data; after a young one (Serial) it also holds
            // whatever garbage was promoted, so full collections give the live set when there are any.
            return new GcFigures(before, afterFull >= 0 ? afterFull : after, committed, young, full, pause);
        }

        private static long bytes(String value, String unit) {
            long n = Long.parseLong(value);
            return switch (unit) {
                case "K" -> n * 1024;
                case "M" -> n * 1024 * 1024;
                default -> n * 1024 * 1024 * 1024;
            };
        }
    }
}
