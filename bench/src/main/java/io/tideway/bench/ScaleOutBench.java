package io.tideway.bench;

import io.tideway.schemas.JobEventType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * 4. Scale-out: jobs to a web destination that takes 200 ms to answer each delivery, drained by 1 and by 3
 * web-writer instances of the group tideway-web-writer.
 */
final class ScaleOutBench {

    static final double TARGET_RATIO = 2.7;
    static final long DELAY_MS = 200;
    /** Jobs of each warm-up round: two per partition, so that every instance delivers a few before it is timed. */
    static final int WARM_UP_JOBS = 12;
    static final String SQL = "SELECT * FROM (VALUES (1, 'alpha'), (2, 'beta'), (3, 'gamma')) t(id, label)";

    private ScaleOutBench() {
    }

    static Measurement run(BenchStack s, Path workDir, int jobs) throws Exception {
        Measurement m = new Measurement("4. Scale-out (" + jobs + " jobs, 200 ms/delivery, 1 vs 3 web-writers)");
        m.target = "3 instances ≥ 2.7 × 1 instance";
        m.how = "A web server in the harness JVM answers each PUT 200 ms after reading its body. " + jobs + " jobs of "
                + "3 rows are submitted with td-client to web://127.0.0.1:<its port>/scaleN/<i> while every "
                + "web-writer instance is paused (SIGSTOP, well inside the 45 s session timeout), so that all "
                + jobs + " results are committed on results.web (6 partitions, keyed by job id) before any writer "
                + "reads; then the writers are resumed (SIGCONT) together. Throughput = jobs / (latest DELIVERED "
                + "event time − resume time). 1 instance: the stack's web-writer alone. 3 instances: plus two "
                + "web-writer JVMs the harness starts with the supervisor's settings (-Xmx256m, allowed networks "
                + "127.0.0.0/8,::1/128), after the group has settled with 3 members holding 2 partitions each. "
                + "Each measured round is preceded by a warm-up round of " + WARM_UP_JOBS + " jobs done the same way "
                + "and not counted (2 per partition, so every instance has loaded and compiled its delivery path and "
                + "opened its job-event producer, as a long-running writer has; the cold figures are shown too). "
                + "The ideal is " + (1000 / DELAY_MS) + " jobs/s per instance, as each writer delivers one job at a time.";
        try (SlowWebServer server = new SlowWebServer(DELAY_MS)) {
            long stackWriter = s.pidOf("web-writer");
            String one = s.awaitGroup("tideway-web-writer", 1, 6, null, Duration.ofMinutes(2));
            Phase singleCold = phase(s, server, "warm1", WARM_UP_JOBS, List.of(stackWriter));
            Phase single = phase(s, server, "scale1", jobs, List.of(stackWriter));
            m.detail("1 instance: " + single.describe() + "; group: " + one + "; its warm-up round: "
                    + singleCold.describe());

            List<ServiceJvm> extra = new ArrayList<>();
            try {
                for (int i = 2; i <= 3; i++) {
                    extra.add(s.startWriter("web-writer", "io.tideway.web.WebWriterMain", "web-writer-bench-" + i,
                            "256m", List.of("-Dtideway.web.allowed-networks=127.0.0.0/8,::1/128"),
                            workDir.resolve("web-writer-bench-" + i + ".log")));
                }
                for (ServiceJvm jvm : extra) {
                    jvm.awaitHealthy(Duration.ofMinutes(2));
                }
                String three = s.awaitGroup("tideway-web-writer", 3, 6, null, Duration.ofMinutes(3));
                List<Long> pids = new ArrayList<>(List.of(stackWriter));
                extra.forEach(jvm -> pids.add(jvm.pid()));
                Phase tripleCold = phase(s, server, "warm3", WARM_UP_JOBS, pids);
                Phase triple = phase(s, server, "scale3", jobs, pids);
                m.detail("3 instances: " + triple.describe() + "; group: " + three + "; their warm-up round: "
                        + tripleCold.describe() + " (cold ratio " + Stats.times(Stats.ratio(tripleCold.perSecond(),
                        singleCold.perSecond())) + ")");
                double ratio = Stats.ratio(triple.perSecond(), single.perSecond());
                m.tideway = Stats.fixed(single.perSecond(), 2) + " → " + Stats.fixed(triple.perSecond(), 2) + " jobs/s";
                m.reference = "ideal " + Stats.fixed(1000.0 / DELAY_MS, 0) + " → " + Stats.fixed(3000.0 / DELAY_MS, 0)
                        + " jobs/s";
                m.ratio = Stats.times(ratio);
                m.met = ratio >= TARGET_RATIO;
                int busiest = triple.perWorker.values().stream().mapToInt(Integer::intValue).max().orElse(jobs);
                m.detail("with keys spread over partitions as they fell, the busiest instance had " + busiest + " of "
                        + jobs + " jobs, which bounds the ratio at " + Stats.times(jobs / (double) busiest)
                        + " even with perfect instances");
            } finally {
                for (ServiceJvm jvm : extra) {
                    s.stop(jvm);
                }
            }
        }
        return m;
    }

    record Phase(int jobs, long elapsedMs, long publishMs, Map<String, Integer> perWorker) {
        double perSecond() {
            return Stats.perSecond(jobs, elapsedMs);
        }

        String describe() {
            return Stats.count(jobs) + " jobs drained in " + Stats.seconds(elapsedMs) + " = "
                    + Stats.fixed(perSecond(), 2) + " jobs/s (results published in " + Stats.seconds(publishMs)
                    + " while paused); deliveries per instance " + perWorker;
        }
    }

    private static Phase phase(BenchStack s, SlowWebServer server, String prefix, int jobs, List<Long> writers)
            throws Exception {
        List<String> ids = new ArrayList<>();
        long p0 = System.nanoTime();
        for (long pid : writers) {
            s.pause(pid);
        }
        long publishMs;
        long resumedAt;
        try {
            for (int i = 0; i < jobs; i++) {
                ids.add(s.submit(SQL, "web://127.0.0.1:" + server.port() + "/" + prefix + "/" + i));
            }
            for (String id : ids) {
                if (!s.watcher().await(id, j -> j.has(JobEventType.QUERY_FINISHED) || j.terminal() != null,
                        Duration.ofSeconds(30))) {
                    throw new IllegalStateException("Job " + id + " did not finish its query within 30 s");
                }
            }
            publishMs = (System.nanoTime() - p0) / 1_000_000;
        } finally {
            resumedAt = System.currentTimeMillis();
            for (long pid : writers) {
                s.resume(pid);
            }
        }
        long last = 0;
        Map<String, Integer> perWorker = new TreeMap<>();
        for (String id : ids) {
            JobEventType end = s.watcher().awaitTerminal(id, Duration.ofMinutes(3));
            JobWatcher.Job job = s.watcher().job(id);
            if (end != JobEventType.DELIVERED) {
                throw new IllegalStateException("Job " + id + " ended " + end + ": " + job.error);
            }
            last = Math.max(last, job.time(JobEventType.DELIVERED));
            perWorker.merge(String.valueOf(job.deliveredBy), 1, Integer::sum);
        }
        return new Phase(jobs, last - resumedAt, publishMs, perWorker);
    }
}
