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

/** A job with a saved destination shows the reference until it runs, then the URL it resolved to, masked. */
class SavedResultFoldTest {

    private static final JobRequest REQUEST = JobRequest.newBuilder().setJobId("1.daily.1767225600")
            .setAccountId("1").setDatabase("testdb").setQuery("SELECT 1").setOrigin(JobOrigin.SCHEDULE)
            .setScheduleName("daily").setScheduledTime(Instant.ofEpochSecond(1767225600L))
            .setSavedResult("myftp:path.csv").setRequestedAt(Instant.now()).build();

    @Test
    void showsTheReferenceWhileQueuedAndTheResolvedUrlOnceRunning() {
        JobState queued = JobStateFold.apply(null, event(JobEventType.QUEUED, REQUEST));
        JobRequest resolved = JobRequest.newBuilder(REQUEST)
                .setDestination(new Destination("ftp", "ftp://u:***@h/reports/path.csv", "sealed")).build();
        JobState running = JobStateFold.apply(queued, event(JobEventType.RUNNING, resolved));
        JobState finished = JobStateFold.apply(running, JobEvent.newBuilder(event(JobEventType.QUERY_FINISHED, null))
                .setRows(1L).setColumnNames(List.of("a")).setColumnTypes(List.of("long")).build());

        assertThat(queued.resultUrl()).isEqualTo("myftp:path.csv");
        assertThat(queued.hasDestination()).isTrue();
        assertThat(running.resultUrl()).isEqualTo("ftp://u:***@h/reports/path.csv");
        assertThat(finished.status()).isEqualTo(JobStatus.RUNNING);
    }

    private static JobEvent event(JobEventType type, JobRequest request) {
        return JobEvent.newBuilder().setJobId(REQUEST.getJobId()).setAccountId("1").setType(type)
                .setTime(Instant.now()).setRequest(request).build();
    }
}
