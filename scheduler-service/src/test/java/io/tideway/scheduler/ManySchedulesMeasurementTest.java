package io.tideway.scheduler;

import static io.tideway.scheduler.Schedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tideway.scheduling.CatchUp;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.ScheduleDefinition;
import io.tideway.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measurements, printed rather than asserted: how long 10,000 schedules due at the same moment take from their due
 * time to all emitted, in the topology test driver (processing only) and against the real broker (committed,
 * read_committed).
 */
class ManySchedulesMeasurementTest {

    private static final int SCHEDULES = 10_000;
    /** Different crons that all tick at 11:00 on Thursday 2026-01-01. */
    private static final List<String> CRONS_DUE_AT_11 = List.of("0 11 * * *", "@hourly", "0 11 * * 1-5",
            "0 9-17 * * *", "*/30 * * * *", "0 11 1 * *", "0 */1 * * 4", "0 11,23 * * *");

    @TempDir
    Path stateDir;

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

    @Test
    void tenThousandSchedulesDueAtOnceOnTheRealBroker() {
        String run = SchedulerServiceTest.suffix();
        // A minutely cron in a zone offset by whole seconds ticks at a chosen second: here 15 s from now.
        Instant due = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS);
        ZoneOffset zone = ZoneOffset.ofTotalSeconds((int) ((60 - due.getEpochSecond() % 60) % 60));
        try (KafkaProducer<String, byte[]> producer = SchedulerServiceTest.producer();
             TopicReader<JobRequest> jobs = new TopicReader<>(Topics.JOBS, Topics.JOB_REQUEST_SERDE);
             RunningScheduler scheduler = RunningScheduler.start("scheduler-many-" + UUID.randomUUID(), stateDir,
                     Map.of())) {
            List<ScheduleDefinition> definitions = IntStream.range(0, SCHEDULES).mapToObj(i ->
                    schedule("m" + run + "_" + i, "* * * * *", Instant.now()).setTimeZone(zone.getId()).build())
                    .toList();
            definitions.forEach(d -> producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                    Topics.SCHEDULES, DrivenScheduler.key(d), Topics.SCHEDULE_SERDE.encode(d))));
            producer.flush();
            Instant published = Instant.now();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                    .until(() -> jobs.read(j -> isOurs(j.value(), run, due)).size() >= SCHEDULES);
            Instant allRead = Instant.now();
            long lastStamped = jobs.read(j -> isOurs(j.value(), run, due)).stream()
                    .mapToLong(TopicReader.Seen::timestamp).max().orElseThrow();
            long firstStamped = jobs.read(j -> isOurs(j.value(), run, due)).stream()
                    .mapToLong(TopicReader.Seen::timestamp).min().orElseThrow();
            System.out.printf("MEASURED (real broker, exactly-once): %d schedules published %d ms before their due "
                            + "time; first job request stamped %d ms after due, last %d ms after due; all %d read "
                            + "(read_committed) %d ms after due%n", SCHEDULES,
                    Duration.between(published, due).toMillis(), firstStamped - due.toEpochMilli(),
                    lastStamped - due.toEpochMilli(), SCHEDULES, Duration.between(due, allRead).toMillis());
            definitions.forEach(d -> producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                    Topics.SCHEDULES, DrivenScheduler.key(d), null)));
            producer.flush();
        }
    }

    private static boolean isOurs(JobRequest job, String run, Instant due) {
        return job.getScheduleName().startsWith("m" + run + "_") && job.getScheduledTime().equals(due);
    }
}
