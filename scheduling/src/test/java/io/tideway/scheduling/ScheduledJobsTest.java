package io.tideway.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.schemas.Destination;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.JobOrigin;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.ScheduleDefinition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduledJobsTest {

    private static final Instant TICK = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00.120Z");

    @Test
    void derivesOneJobIdPerScheduleAndTick() {
        assertThat(ScheduledJobs.jobId("42", "hourly_count", TICK)).isEqualTo("42.hourly_count.1767261600");
        assertThat(ScheduledJobs.jobId("42", "hourly_count", TICK.plusMillis(500))).isEqualTo("42.hourly_count.1767261600");
        assertThat(ScheduledJobs.jobId("42", "hourly_count", TICK.plusSeconds(3600)))
                .isNotEqualTo(ScheduledJobs.jobId("42", "hourly_count", TICK));
    }

    @Test
    void buildsTheRequestOfATickFromTheDefinition() {
        Destination ftp = Destination.newBuilder().setScheme("ftp").setMaskedUrl("ftp://u:***@h/x.csv")
                .setSealedUrl("sealed").build();
        JobRequest request = ScheduledJobs.request(definition().setDestination(ftp).build(), TICK, NOW);
        assertThat(request.getJobId()).isEqualTo("42.hourly_count.1767261600");
        assertThat(request.getOrigin()).isEqualTo(JobOrigin.SCHEDULE);
        assertThat(request.getScheduledTime()).isEqualTo(TICK);
        assertThat(request.getRequestedAt()).isEqualTo(NOW);
        assertThat(request.getScheduleName()).isEqualTo("hourly_count");
        assertThat(request.getAccountId()).isEqualTo("42");
        assertThat(request.getDatabase()).isEqualTo("testdb");
        assertThat(request.getQuery()).isEqualTo("SELECT 1");
        assertThat(request.getEngine()).isEqualTo("hive");
        assertThat(request.getPriority()).isEqualTo(1);
        assertThat(request.getRetryLimit()).isEqualTo(2);
        assertThat(request.getDestination()).isEqualTo(ftp);
        assertThat(request.getSavedResult()).isNull();
    }

    @Test
    void copiesASavedDestinationForTheRunToResolve() {
        JobRequest request = ScheduledJobs.request(definition().setSavedResult("myftp:path.csv").build(), TICK, NOW,
                "manual-7");
        assertThat(request.getJobId()).isEqualTo("manual-7");
        assertThat(request.getSavedResult()).isEqualTo("myftp:path.csv");
        assertThat(request.getDestination()).isNull();
    }

    @Test
    void theQueuedEventCarriesTheRequest() {
        JobRequest request = ScheduledJobs.request(definition().build(), TICK, NOW);
        JobEvent queued = ScheduledJobs.queued(request, "scheduler-1", NOW);
        assertThat(queued.getType()).isEqualTo(JobEventType.QUEUED);
        assertThat(queued.getJobId()).isEqualTo(request.getJobId());
        assertThat(queued.getAccountId()).isEqualTo("42");
        assertThat(queued.getRequest()).isEqualTo(request);
        assertThat(queued.getWorker()).isEqualTo("scheduler-1");
        assertThat(queued.getTime()).isEqualTo(NOW);
    }

    static ScheduleDefinition.Builder definition() {
        return ScheduleDefinition.newBuilder().setAccountId("42").setName("hourly_count").setCron("@hourly")
                .setTimeZone("UTC").setDelaySeconds(0).setDatabase("testdb").setQuery("SELECT 1").setEngine("hive")
                .setPriority(1).setRetryLimit(2).setCreatedAt(Instant.parse("2025-12-01T00:00:00Z")).setVersion(1);
    }
}
