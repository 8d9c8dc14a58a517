package io.tideway.scheduler;

import static io.tideway.scheduler.Schedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.scheduling.CatchUp;
import io.tideway.scheduling.ScheduledJobs;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.JobOrigin;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.ScheduleDefinition;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

/** The scheduler's topology with a wall clock the test controls. */
class SchedulerTopologyTest {

    private static final Instant START = Instant.parse("2026-01-01T09:59:30Z");

    @Test
    void firesEachTickOnceWithItsDerivedIdTimeAndFields() {
        try (DrivenScheduler scheduler = new DrivenScheduler(CatchUp.LATEST, START)) {
            scheduler.publish(schedule("minutely", "* * * * *", START).build());
            scheduler.runUntil(at("10:00:00"));
            List<KeyValue<String, JobRequest>> jobs = scheduler.newJobs();
            assertThat(jobs).hasSize(1);
            JobRequest job = jobs.get(0).value;
            assertThat(jobs.get(0).key).isEqualTo("1.minutely." + at("10:00:00").getEpochSecond())
                    .isEqualTo(job.getJobId());
            assertThat(job.getOrigin()).isEqualTo(JobOrigin.SCHEDULE);
            assertThat(job.getScheduledTime()).isEqualTo(at("10:00:00"));
            assertThat(job.getRequestedAt()).isEqualTo(at("10:00:00"));
            assertThat(job.getScheduleName()).isEqualTo("minutely");
            assertThat(job.getSavedResult()).isEqualTo("myftp:path.csv");
            assertThat(job.getDatabase()).isEqualTo("testdb");
            List<KeyValue<String, JobEvent>> events = scheduler.newEvents();
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.key).isEqualTo(job.getJobId());
                assertThat(e.value.getType()).isEqualTo(JobEventType.QUEUED);
                assertThat(e.value.getRequest()).isEqualTo(job);
                assertThat(e.value.getWorker()).isEqualTo("scheduler-test");
            });

            scheduler.runUntil(at("10:00:59.750"));
            assertThat(scheduler.newJobs()).isEmpty();
            scheduler.runUntil(at("10:03:00"));
            assertThat(scheduledTimes(scheduler.newJobs())).containsExactly(at("10:01:00"), at("10:02:00"),
                    at("10:03:00"));
            assertThat(scheduler.newEvents()).hasSize(3);
        }
    }

    @Test
    void aFasterClockFiresTheTicksOfItsOwnTime() {
        SchedulerClock sixtyTimes = new SchedulerClock(START.toEpochMilli(), 60);
        try (DrivenScheduler scheduler = new DrivenScheduler(CatchUp.LATEST, START, sixtyTimes)) {
            scheduler.publish(schedule("fast", "* * * * *", START).build());

            scheduler.runUntil(START.plusMillis(2_900));

            assertThat(scheduler.newJobs()).extracting(kv -> kv.value.getScheduledTime())
                    .containsExactly(START.plusSeconds(30), START.plusSeconds(90), START.plusSeconds(150));
        }
    }

    @Test
    void keepsSchedulesApart() {
        try (DrivenScheduler scheduler = new DrivenScheduler(CatchUp.LATEST, START)) {
            scheduler.publish(schedule("a", "* * * * *", START).build());
            scheduler.publish(schedule("b", "*/2 * * * *", START).setAccountId("2").build());
            scheduler.runUntil(at("10:01:00"));
            assertThat(scheduler.newJobs()).extracting(kv -> kv.key).containsExactlyInAnyOrder(
                    "1.a." + at("10:00:00").getEpochSecond(), "2.b." + at("10:00:00").getEpochSecond(),
                    "1.a." + at("10:01:00").getEpochSecond());
        }
    }

    @Test
    void aDeletedScheduleStopsFiring() {
        try (DrivenScheduler scheduler = new DrivenScheduler(CatchUp.LATEST, START)) {
            ScheduleDefinition minutely = schedule("minutely", "* * * * *", START).build();
            scheduler.publish(minutely);
            scheduler.runUntil(at("10:00:10"));
            assertThat(scheduler.newJobs()).hasSize(1);
            scheduler.delete(minutely);
            scheduler.runUntil(at("10:05:00"));
            assertThat(scheduler.newJobs()).isEmpty();
        }
    }

    @Test
    void anUpdateCountsTicksFromTheUpdateNotFromCreation() {
        try (DrivenScheduler scheduler = new DrivenScheduler(CatchUp.LATEST, START)) {
            scheduler.publish(schedule("edited", "0 12 * * *", START).build());
            scheduler.runUntil(at("10:00:10"));
            assertThat(scheduler.newJobs()).isEmpty();
            // Now every five minutes: 10:00 lies after creation but before the update, so it must not fire.
            scheduler.publish(schedule("edited", "*/5 * * * *", START).setVersion(1).build());
            scheduler.runUntil(at("10:04:59"));
            assertThat(scheduler.newJobs()).isEmpty();
            scheduler.runUntil(at("10:05:00"));
            assertThat(scheduledTimes(scheduler.newJobs())).containsExactly(at("10:05:00"));
            // The same version again (a replay) changes nothing.
            scheduler.publish(schedule("edited", "*/5 * * * *", START).setVersion(1).build());
            scheduler.runUntil(at("10:10:00"));
            assertThat(scheduledTimes(scheduler.newJobs())).containsExactly(at("10:10:00"));
        }
    }

    @Test
    void aDelayedScheduleFiresItsDelayAfterTheTick() {
        try (DrivenScheduler scheduler = new DrivenScheduler(CatchUp.LATEST, START)) {
            scheduler.publish(schedule("delayed", "* * * * *", START).setDelaySeconds(30).build());
            scheduler.runUntil(at("10:00:29.750"));
            assertThat(scheduler.newJobs()).isEmpty();
            scheduler.runUntil(at("10:00:30"));
            assertThat(scheduler.newJobs()).singleElement().satisfies(job -> {
                assertThat(job.key).isEqualTo("1.delayed." + at("10:00:00").getEpochSecond());
                assertThat(job.value.getScheduledTime()).isEqualTo(at("10:00:00"));
                assertThat(job.value.getRequestedAt()).isEqualTo(at("10:00:30"));
            });
        }
    }

    @Test
    void aManualOnlyScheduleNeverFires() {
        try (DrivenScheduler scheduler = new DrivenScheduler(CatchUp.ALL, START)) {
            scheduler.publish(schedule("manual", "", START.minusSeconds(86_400)).build());
            scheduler.runUntil(at("10:01:00"));
            scheduler.jumpTo(Instant.parse("2026-01-09T00:00:00Z"));
            assertThat(scheduler.newJobs()).isEmpty();
            assertThat(scheduler.newEvents()).isEmpty();
        }
    }

    @Test
    void anInvalidDefinitionIsRefusedAndTheOthersRunOn() {
        try (DrivenScheduler scheduler = new DrivenScheduler(CatchUp.LATEST, START)) {
            scheduler.publish(schedule("broken", "61 * * * *", START).build());
            scheduler.publish(schedule("fine", "* * * * *", START).build());
            scheduler.runUntil(at("10:00:00"));
            assertThat(scheduler.newJobs()).extracting(kv -> kv.value.getScheduleName()).containsExactly("fine");
        }
    }

    @Test
    void latestRunsTheMostRecentMissedTickOnceAfterAStop() {
        assertThat(ticksAfterAStop(CatchUp.LATEST)).containsExactly(at("13:00:00"));
    }

    @Test
    void allRunsEveryMissedTickAfterAStop() {
        assertThat(ticksAfterAStop(CatchUp.ALL)).containsExactly(at("11:00:00"), at("12:00:00"), at("13:00:00"));
    }

    @Test
    void noneRunsNoMissedTickAfterAStopAndGoesOnWithTheNext() {
        assertThat(ticksAfterAStop(CatchUp.NONE)).isEmpty();
    }

    @Test
    void aScheduleCreatedWhileTheSchedulerWasStoppedCatchesUpFromItsCreation() {
        try (DrivenScheduler scheduler = new DrivenScheduler(CatchUp.ALL, START)) {
            scheduler.publish(schedule("late", "*/20 * * * *", at("09:15:00")).build());
            scheduler.runUntil(at("10:00:00"));
            assertThat(scheduledTimes(scheduler.newJobs())).containsExactly(at("09:20:00"), at("09:40:00"),
                    at("10:00:00"));
        }
    }

    /** An hourly schedule fires 10:00, then the scheduler is stopped until 13:30 and goes on to 14:00. */
    private static List<Instant> ticksAfterAStop(CatchUp policy) {
        try (DrivenScheduler scheduler = new DrivenScheduler(policy, START)) {
            scheduler.publish(schedule("hourly", "@hourly", START).build());
            scheduler.runUntil(at("10:00:00"));
            assertThat(scheduledTimes(scheduler.newJobs())).containsExactly(at("10:00:00"));
            scheduler.jumpTo(at("13:30:00"));
            List<Instant> caughtUp = scheduledTimes(scheduler.newJobs());
            scheduler.runUntil(at("14:00:00"));
            assertThat(scheduledTimes(scheduler.newJobs())).as("the next tick after catching up")
                    .containsExactly(at("14:00:00"));
            return caughtUp;
        }
    }

    static List<Instant> scheduledTimes(List<KeyValue<String, JobRequest>> jobs) {
        jobs.forEach(job -> assertThat(job.key).isEqualTo(ScheduledJobs.jobId(job.value.getAccountId(),
                job.value.getScheduleName(), job.value.getScheduledTime())));
        return jobs.stream().map(job -> job.value.getScheduledTime()).toList();
    }

    static Instant at(String time) {
        return Instant.parse("2026-01-01T" + time + "Z");
    }
}
