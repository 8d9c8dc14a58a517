package io.tideway.scheduler;

import static io.tideway.scheduler.Schedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.ScheduleDefinition;
import io.tideway.schemas.TopicCreator;
import io.tideway.schemas.Topics;
import io.tideway.testing.SharedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two scheduler instances, each its own JVM, share the schedules; one is SIGKILLed while both fire ticks. The survivor
 * takes its partitions over, and for every schedule and every scheduled minute up to the end of the run there is
 * exactly one job request on the jobs topic (read_committed): none lost with the killed instance's open transaction,
 * none fired twice.
 *
 * <p>So that the test sees many cron minutes in seconds, both instances run the schedules' clock 60 times faster
 * from the same origin (a {@code * * * * *} schedule ticks every wall second); Kafka itself runs on the wall clock.
 * A takeover takes some wall seconds (the session timeout, then the killed instance's transaction timeout), which
 * are minutes on the fast clock, so the ticks missed meanwhile are caught up with policy {@code all}: the policy under
 * which "every tick" is the promise (with the default {@code latest}, a takeover longer than the one-minute grace
 * skips ticks, and says so).
 */
class SchedulerFailoverTest {

    private static final int PARTITIONS = RunningScheduler.PARTITIONS;
    private static final int SCHEDULES_PER_PARTITION = 2;
    private static final double SPEED = 60;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void everyTickIsOneJobRequestWhenAnInstanceIsKilledMidRun() throws Exception {
        TopicCreator.ensure(SharedKafka.bootstrapServers(), Topics.all(PARTITIONS), (short) 1);
        String run = SchedulerServiceTest.suffix();
        String account = "failover" + run;
        long origin = System.currentTimeMillis();
        SchedulerClock clock = new SchedulerClock(origin, SPEED);
        Map<String, String> settings = Map.of(
                "tideway.topics.partitions", String.valueOf(PARTITIONS),
                "tideway.scheduler.application-id", "scheduler-failover-" + run,
                "tideway.scheduler.catch-up", "all",
                "tideway.scheduler.tick-interval", "50ms",
                "tideway.scheduler.session-timeout", "6s",
                "tideway.scheduler.transaction-timeout", "5s",
                "tideway.scheduler.clock-speed", String.valueOf(SPEED),
                "tideway.scheduler.clock-origin", Instant.ofEpochMilli(origin).toString());
        List<ScheduleDefinition> definitions = new ArrayList<>();
        try (SchedulerProcess victim = SchedulerProcess.start("victim-" + run, dir, settings);
             SchedulerProcess survivor = SchedulerProcess.start("survivor-" + run, dir, settings);
             KafkaProducer<String, byte[]> producer = SchedulerServiceTest.producer();
             TopicReader<JobRequest> jobs = new TopicReader<>(Topics.JOBS, Topics.JOB_REQUEST_SERDE);
             TopicReader<JobEvent> events = new TopicReader<>(Topics.JOB_EVENTS, Topics.JOB_EVENT_SERDE)) {
            await().atMost(PATIENCE).until(() -> victim.isRunning() && survivor.isRunning());
            Instant createdAt = Instant.ofEpochMilli(clock.millis(System.currentTimeMillis()));
            definitions.addAll(spreadOverPartitions(account, createdAt));
            definitions.forEach(d -> SchedulerServiceTest.publish(producer, d));

            // Every schedule ticks and both instances fire some of them; then the victim dies in the middle of that.
            await().atMost(PATIENCE).until(() -> everyScheduleTickedAfter(jobs, account, definitions.size(),
                    createdAt.toEpochMilli() + 60_000) && firedBy(events, account, victim) >= 2
                    && firedBy(events, account, survivor) >= 2);
            victim.kill();
            long killedWall = System.currentTimeMillis();
            long killedAt = clock.millis(killedWall);

            // The survivor fires every schedule again, past the moment of the kill.
            await().atMost(PATIENCE).until(() -> everyScheduleTickedAfter(jobs, account, definitions.size(),
                    killedAt + 120_000));
            long caughtUpWall = System.currentTimeMillis();
            survivor.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> !survivor.isAlive());
            Map<String, List<Instant>> ticks = settled(jobs, account);

            Instant end = ticks.values().stream().map(times -> times.get(times.size() - 1))
                    .min(Instant::compareTo).orElseThrow();
            List<Instant> expected = minutesAfter(createdAt, end);
            assertThat(ticks).hasSize(definitions.size());
            ticks.forEach((name, times) -> {
                assertThat(times).as("ticks of %s: each once", name).doesNotHaveDuplicates();
                assertThat(times.stream().filter(t -> !t.isAfter(end)).toList()).as("ticks of %s up to %s", name, end)
                        .containsExactlyElementsOf(expected);
            });
            assertThat(expected.size()).as("minutes covered").isGreaterThan(5);
            assertThat(firedBy(events, account, victim)).isPositive();
            System.out.printf("Failover: %d schedules, %d minutes each fired once; the survivor had every schedule "
                    + "past the kill %d ms (wall) after the SIGKILL%n", ticks.size(), expected.size(),
                    caughtUpWall - killedWall);
        } finally {
            try (KafkaProducer<String, byte[]> producer = SchedulerServiceTest.producer()) {
                definitions.forEach(d -> SchedulerServiceTest.delete(producer, d));
            }
        }
    }

    /** Schedules of every minute, {@value #SCHEDULES_PER_PARTITION} on each partition of the schedules topic. */
    private static List<ScheduleDefinition> spreadOverPartitions(String account, Instant createdAt) {
        int[] count = new int[PARTITIONS];
        List<ScheduleDefinition> definitions = new ArrayList<>();
        for (int i = 0; definitions.size() < PARTITIONS * SCHEDULES_PER_PARTITION; i++) {
            String name = "every_minute_" + i;
            int partition = Utils.toPositive(Utils.murmur2((account + "/" + name).getBytes(StandardCharsets.UTF_8)))
                    % PARTITIONS;
            if (count[partition] < SCHEDULES_PER_PARTITION) {
                count[partition]++;
                definitions.add(schedule(name, "* * * * *", createdAt).setAccountId(account).build());
            }
        }
        return definitions;
    }

    /** QUEUED events of the account's ticks that {@code instance} published. */
    private static long firedBy(TopicReader<JobEvent> events, String account, SchedulerProcess instance) {
        return events.read(e -> e.value().getAccountId().equals(account)
                && instance.worker().equals(e.value().getWorker())).size();
    }

    /** The scheduled times of the account's job requests read so far, by schedule, in order of time. */
    private static Map<String, List<Instant>> ticks(TopicReader<JobRequest> jobs, String account) {
        return jobs.read(j -> j.value().getAccountId().equals(account)).stream()
                .collect(Collectors.groupingBy(j -> j.value().getScheduleName(), TreeMap::new,
                        Collectors.mapping(j -> j.value().getScheduledTime(),
                                Collectors.collectingAndThen(Collectors.toList(), times -> times.stream().sorted()
                                        .toList()))));
    }

    /** Whether each of the account's {@code schedules} schedules has a tick later than {@code millis}. */
    private static boolean everyScheduleTickedAfter(TopicReader<JobRequest> jobs, String account, int schedules,
                                                    long millis) {
        Map<String, List<Instant>> ticks = ticks(jobs, account);
        return ticks.size() == schedules && ticks.values().stream()
                .allMatch(times -> times.get(times.size() - 1).toEpochMilli() > millis);
    }

    /** The ticks once no more arrive: every instance has stopped, so nothing is pending. */
    private static Map<String, List<Instant>> settled(TopicReader<JobRequest> jobs, String account) {
        int[] last = {-1};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            int now = ticks(jobs, account).values().stream().mapToInt(List::size).sum();
            boolean stable = now == last[0];
            last[0] = now;
            return stable;
        });
        return ticks(jobs, account);
    }

    /** Every whole minute after {@code from} up to and including {@code to}. */
    private static List<Instant> minutesAfter(Instant from, Instant to) {
        List<Instant> minutes = new ArrayList<>();
        for (Instant t = from.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES); !t.isAfter(to);
             t = t.plus(1, ChronoUnit.MINUTES)) {
            minutes.add(t);
        }
        return minutes;
    }
}
