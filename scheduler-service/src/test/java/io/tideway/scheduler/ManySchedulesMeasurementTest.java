package io.tideway.scheduler;

import static io.tideway.scheduler.Schedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.scheduling.CatchUp;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * 10,000 schedules due at the same moment all fire in one punctuation, in the topology test driver; the time it
 * took is printed, not asserted. The figure that matters, due time to readable (read_committed) on a real broker
 * and scheduler JVM, is bench/'s: {@code bench/run --only schedules}.
 */
class ManySchedulesMeasurementTest {

    private static final int SCHEDULES = 10_000;
    /** Different crons that all tick at 11:00 on Thursday 2026-01-01. */
    private static final List<String> CRONS_DUE_AT_11 = List.of("0 11 * * *", "@hourly", "0 11 * * 1-5",
            "0 9-17 * * *", "*/30 * * * *", "0 11 1 * *", "0 */1 * * 4", "0 11,23 * * *");

    @Test
    void tenThousandSchedulesDueAtOnceInTheTestDriver() {
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        try (DrivenScheduler scheduler = new DrivenScheduler(CatchUp.LATEST, start)) {
            long loadStart = System.nanoTime();
            IntStream.range(0, SCHEDULES).forEach(i ->
                    scheduler.publish(schedule("s" + i, CRONS_DUE_AT_11.get(i % CRONS_DUE_AT_11.size()), start).build()));
            long loaded = System.nanoTime();
            scheduler.jumpTo(Instant.parse("2026-01-01T10:59:59.750Z"));
            scheduler.newJobs();
            scheduler.newEvents();
            long fireStart = System.nanoTime();
            scheduler.jumpTo(Instant.parse("2026-01-01T11:00:00Z"));
            long fired = System.nanoTime();
            List<?> jobs = scheduler.newJobs();
            assertThat(jobs).hasSize(SCHEDULES);
            assertThat(scheduler.newEvents()).hasSize(SCHEDULES);
            System.out.printf("MEASURED (TopologyTestDriver): %d schedules loaded in %d ms; one punctuation fired all "
                            + "%d due ticks (%d job requests + %d QUEUED events) in %d ms%n", SCHEDULES,
                    (loaded - loadStart) / 1_000_000, SCHEDULES, jobs.size(), SCHEDULES,
                    (fired - fireStart) / 1_000_000);
        }
    }
}
