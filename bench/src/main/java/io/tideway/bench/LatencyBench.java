package io.tideway.bench;

import io.tideway.schemas.JobEventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** 2. Small-job latency: jobs of 3 rows to the demo web server, one after another, submit → delivered. */
final class LatencyBench {

    static final double TARGET_P50 = 100;
    static final double TARGET_P99 = 250;
    static final int WARM_UP = 10;
    static final String SQL = "SELECT * FROM (VALUES (1, 'alpha', 0.5), (2, 'beta', 1.5), (3, 'gamma', 2.5)) "
            + "t(id, label, score)";

    private LatencyBench() {
    }

    static Measurement run(BenchStack s, int jobs) throws Exception {
        Measurement m = new Measurement("2. Small-job latency (" + jobs + " jobs of 3 rows → web)");
        m.target = "p50 ≤ 100 ms, p99 ≤ 250 ms";
        m.how = "One job at a time: `" + SQL + "` submitted with td-client, result web://127.0.0.1:<demo-web>/bench/"
                + "lat/<i> (the stack's demo web server, which writes each PUT body to a file before answering). "
                + "Latency = from just before the submit call until that file exists (polled every 1 ms) — the "
                + "destination holds the result. " + WARM_UP + " warm-up jobs first, not counted. Percentiles are "
                + "nearest-rank. The DELIVERED job event's timestamp gives a second figure (what job status shows).";
        for (int i = 0; i < WARM_UP; i++) {
            once(s, "bench/warm/" + i);
        }
        List<Double> toFile = new ArrayList<>();
        List<Double> toEvent = new ArrayList<>();
        List<Double> submitCall = new ArrayList<>();
        List<Double> queuedToRunning = new ArrayList<>();
        List<Double> runningToFinished = new ArrayList<>();
        List<Double> finishedToFile = new ArrayList<>();
        List<Double> submitToQueued = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            Sample sample = once(s, "bench/lat/" + i);
            toFile.add(sample.toFileMs);
            toEvent.add(sample.toEventMs);
            submitCall.add(sample.submitMs);
            JobWatcher.Job job = s.watcher().job(sample.jobId);
            Long queued = job.time(JobEventType.QUEUED);
            Long running = job.time(JobEventType.RUNNING);
            Long finished = job.time(JobEventType.QUERY_FINISHED);
            if (queued != null && running != null && finished != null) {
                submitToQueued.add((double) (queued - sample.startEpochMs));
                queuedToRunning.add((double) (running - queued));
                runningToFinished.add((double) (finished - running));
                finishedToFile.add((double) (sample.fileEpochMs - finished));
            }
        }
        double p50 = Stats.percentile(toFile, 50);
        double p99 = Stats.percentile(toFile, 99);
        m.tideway = String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms", p50, p99);
        m.met = p50 <= TARGET_P50 && p99 <= TARGET_P99;
        m.detail("submit → file at the destination: " + Stats.summary(toFile));
        m.detail("submit → DELIVERED event: " + Stats.summary(toEvent));
        m.detail("where the time goes, per phase: submit call (API returns once its job-status view shows QUEUED) "
                + Stats.summary(submitCall));
        m.detail("  submit start → QUEUED event " + Stats.summary(submitToQueued));
        m.detail("  QUEUED → RUNNING (runner consumer picks the request up) " + Stats.summary(queuedToRunning));
        m.detail("  RUNNING → QUERY_FINISHED (DuckDB + result transaction) " + Stats.summary(runningToFinished));
        m.detail("  QUERY_FINISHED → file at destination (web-writer fetch + PUT) " + Stats.summary(finishedToFile));
        return m;
    }

    private record Sample(String jobId, long startEpochMs, long fileEpochMs, double submitMs, double toFileMs,
                          double toEventMs) {
    }

    private static Sample once(BenchStack s, String path) throws Exception {
        Path file = s.webFile(path);
        long epoch0 = System.currentTimeMillis();
        long n0 = System.nanoTime();
        String id = s.submit(SQL, s.webUrl(path));
        double submitMs = (System.nanoTime() - n0) / 1e6;
        long deadline = n0 + Duration.ofSeconds(60).toNanos();
        JobWatcher.Job job = s.watcher().job(id);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Job " + id + " not delivered to " + path + " within 60 s (events: "
                        + job.eventTime.keySet() + ", error: " + job.error + ")");
            }
            JobEventType end = job.terminal();
            if (end != null && end != JobEventType.DELIVERED) {
                throw new IllegalStateException("Job " + id + " ended " + end + ": " + job.error);
            }
            Thread.sleep(1);
        }
        long fileNanos = System.nanoTime();
        long fileEpoch = epoch0 + (fileNanos - n0) / 1_000_000;
        if (s.watcher().awaitTerminal(id, Duration.ofSeconds(30)) != JobEventType.DELIVERED) {
            throw new IllegalStateException("Job " + id + " has no DELIVERED event: " + job.error);
        }
        return new Sample(id, epoch0, fileEpoch, submitMs, (fileNanos - n0) / 1e6,
                job.time(JobEventType.DELIVERED) - epoch0);
    }
}
