package io.tideway.query.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.schemas.Destination;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.JobOrigin;
import io.tideway.schemas.JobRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobTimelineFoldTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Destination FTP = new Destination("ftp", "ftp://u:***@h/f.csv", "sealed");

    @Test
    void splitsADeliveredJobIntoItsFourStages() {
        JobTimeline timeline = fold(request(FTP), event(JobEventType.QUEUED, 0), event(JobEventType.RUNNING, 2_000),
                event(JobEventType.QUERY_FINISHED, 7_500).setQueryEndedAt(T0.plusMillis(7_000)),
                event(JobEventType.DELIVERY_RETRYING, 8_000), event(JobEventType.DELIVERED, 9_500));

        assertThat(timeline.stages(T0.plusSeconds(3600))).containsExactly(
                entry(JobTimeline.QUEUED, 2_000), entry(JobTimeline.QUERY, 5_000), entry(JobTimeline.PUBLISH, 500),
                entry(JobTimeline.DELIVERY, 2_000));
    }

    @Test
    void countsAStageUnderWayUntilNow() {
        JobTimeline timeline = fold(request(FTP), event(JobEventType.QUEUED, 0), event(JobEventType.RUNNING, 1_000),
                event(JobEventType.QUERY_FINISHED, 3_000).setQueryEndedAt(T0.plusMillis(2_000)));

        assertThat(timeline.stages(T0.plusMillis(10_000))).containsEntry(JobTimeline.DELIVERY,
                Duration.ofMillis(7_000));
        assertThat(fold(request(FTP), event(JobEventType.QUEUED, 0)).stages(T0.plusMillis(400)))
                .containsExactly(entry(JobTimeline.QUEUED, 400));
    }

    @Test
    void aJobWithoutDestinationHasNoDeliveryStage() {
        JobTimeline timeline = fold(request(null), event(JobEventType.QUEUED, 0), event(JobEventType.RUNNING, 100),
                event(JobEventType.QUERY_FINISHED, 300));

        assertThat(timeline.stages(T0.plusSeconds(60))).containsExactly(entry(JobTimeline.QUEUED, 100),
                entry(JobTimeline.QUERY, 200), entry(JobTimeline.PUBLISH, 0));
    }

    @Test
    void aFailedQueryEndsItsQueryStageAtTheFailure() {
        JobTimeline timeline = fold(request(FTP), event(JobEventType.QUEUED, 0), event(JobEventType.RUNNING, 100),
                event(JobEventType.QUERY_FAILED, 900));

        assertThat(timeline.stages(T0.plusSeconds(60))).containsExactly(entry(JobTimeline.QUEUED, 100),
                entry(JobTimeline.QUERY, 800));
    }

    @Test
    void aJobRunAgainAfterItsWorkerDiedStartsItsQueryStageAfresh() {
        JobTimeline timeline = fold(request(null), event(JobEventType.QUEUED, 0), event(JobEventType.RUNNING, 100),
                event(JobEventType.RUNNING, 5_000), event(JobEventType.QUERY_FINISHED, 5_200));

        assertThat(timeline.stages(T0.plusSeconds(60))).containsEntry(JobTimeline.QUERY, Duration.ofMillis(200));
    }

    private static java.util.Map.Entry<String, Duration> entry(String stage, long millis) {
        return java.util.Map.entry(stage, Duration.ofMillis(millis));
    }

    private static JobTimeline fold(JobRequest request, JobEvent.Builder... events) {
        JobTimeline timeline = null;
        for (JobEvent.Builder event : events) {
            timeline = JobTimelineFold.apply(timeline, event.setRequest(request).build());
        }
        return timeline;
    }

    private static JobEvent.Builder event(JobEventType type, long millis) {
        return JobEvent.newBuilder().setJobId("7").setAccountId("1").setType(type).setTime(T0.plusMillis(millis));
    }

    private static JobRequest request(Destination destination) {
        return JobRequest.newBuilder().setJobId("7").setAccountId("1").setDatabase("testdb").setQuery("SELECT 1")
                .setDestination(destination).setOrigin(JobOrigin.API).setRequestedAt(T0).build();
    }
}
