package io.tideway.query.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.schemas.Destination;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.JobOrigin;
import io.tideway.schemas.JobRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobStateFoldTest {

    @Test
    void aJobWithoutDestinationSucceedsWhenItsQueryFinishes() {
        JobState state = fold(request(null), JobEventType.RUNNING, JobEventType.QUERY_FINISHED);

        assertThat(state.status()).isEqualTo(JobStatus.SUCCESS);
        assertThat(state.numRecords()).isEqualTo(3);
        assertThat(state.endAt()).isNotNull();
    }

    @Test
    void aJobWithDestinationRunsUntilDelivered() {
        Destination ftp = new Destination("ftp", "ftp://u:***@h/f.csv", "sealed");

        assertThat(fold(request(ftp), JobEventType.RUNNING, JobEventType.QUERY_FINISHED).status())
                .isEqualTo(JobStatus.RUNNING);
        assertThat(fold(request(ftp), JobEventType.RUNNING, JobEventType.QUERY_FINISHED, JobEventType.DELIVERED)
                .status()).isEqualTo(JobStatus.SUCCESS);
    }

    @Test
    void aKilledJobStaysKilled() {
        JobState state = fold(request(null), JobEventType.RUNNING, JobEventType.KILLED, JobEventType.QUERY_FINISHED);

        assertThat(state.status()).isEqualTo(JobStatus.KILLED);
    }

    @Test
    void aJobPublishedByAnotherSystemAppearsWhenItStartsRunning() {
        JobState state = JobStateFold.apply(null, event(JobEventType.RUNNING).setRequest(request(null)).build());

        assertThat(state.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(state.startAt()).isNotNull();
    }

    @Test
    void aRerunReopensAFailedDeliveryUntilTheWriterReports() {
        Destination ftp = new Destination("ftp", "ftp://u:***@h/f.csv", "sealed");

        assertThat(fold(request(ftp), JobEventType.RUNNING, JobEventType.QUERY_FINISHED, JobEventType.DELIVERY_FAILED,
                JobEventType.RUNNING).status()).isEqualTo(JobStatus.RUNNING);
        assertThat(fold(request(ftp), JobEventType.RUNNING, JobEventType.QUERY_FINISHED, JobEventType.DELIVERY_FAILED,
                JobEventType.RUNNING, JobEventType.DELIVERED).status()).isEqualTo(JobStatus.SUCCESS);
    }

    @Test
    void aFailedQueryOrASuccessIsNotReopened() {
        Destination ftp = new Destination("ftp", "ftp://u:***@h/f.csv", "sealed");

        assertThat(fold(request(ftp), JobEventType.RUNNING, JobEventType.QUERY_FAILED, JobEventType.RUNNING).status())
                .isEqualTo(JobStatus.ERROR);
        assertThat(fold(request(ftp), JobEventType.RUNNING, JobEventType.QUERY_FINISHED, JobEventType.DELIVERED,
                JobEventType.RUNNING).status()).isEqualTo(JobStatus.SUCCESS);
    }

    private static JobState fold(JobRequest request, JobEventType... types) {
        JobState state = JobStateFold.apply(null, event(JobEventType.QUEUED).setRequest(request).build());
        for (JobEventType type : types) {
            state = JobStateFold.apply(state, event(type).setRows(3L).setColumnNames(List.of("a"))
                    .setColumnTypes(List.of("long")).build());
        }
        return state;
    }

    private static JobEvent.Builder event(JobEventType type) {
        return JobEvent.newBuilder().setJobId("7").setAccountId("1").setType(type).setTime(Instant.now());
    }

    private static JobRequest request(Destination destination) {
        return JobRequest.newBuilder().setJobId("7").setAccountId("1").setDatabase("testdb").setQuery("SELECT 1")
                .setDestination(destination).setOrigin(JobOrigin.API).setRequestedAt(Instant.now()).build();
    }
}
