package io.tideway.query.jobs;

import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.JobRequest;
import java.time.Instant;

/**
 * How one event changes a job's state. QUEUED starts it; RUNNING runs it; QUERY_FINISHED ends it in success when the
 * result stays with the job, or keeps it running until the writer reports; DELIVERED is success; QUERY_FAILED and
 * DELIVERY_FAILED are error with the reason; DELIVERY_RETRYING keeps it running and records the reason; KILLED is
 * final. Events after a final status do not reopen the job, but for a re-run: RUNNING after a delivery failed
 * ({@code td job:rerun}, which publishes the stored result again) makes the job running until the writer reports. A job first seen through an event other than QUEUED
 * (a request another system published straight onto the jobs topic) starts from the request that event carries.
 * A job with a saved destination ({@code NAME:path}, resolved when it runs) shows the reference until its RUNNING
 * event carries the destination it resolved to.
 */
final class JobStateFold {

    private JobStateFold() {
    }

    /** The state after {@code event}; {@code previous} is null for a job not seen yet. Returns null to ignore. */
    static JobState apply(JobState previous, JobEvent event) {
        Instant at = event.getTime();
        if (previous == null) {
            if (event.getRequest() == null) {
                return null;
            }
            JobState queued = queued(event.getRequest(), at);
            return event.getType() == JobEventType.QUEUED ? queued : apply(queued, event);
        }
        if (previous.status().isFinished() && !isRerun(previous, event)) {
            return previous;
        }
        return switch (event.getType()) {
            case QUEUED, UNKNOWN -> previous;
            case RUNNING -> event.getRequest() == null || event.getRequest().getDestination() == null
                    ? previous.started(at)
                    : previous.started(at).withResultUrl(event.getRequest().getDestination().getMaskedUrl());
            case QUERY_FINISHED -> {
                JobState withResult = previous.withResult(event.getRows(), event.getColumnNames(), event.getColumnTypes());
                yield previous.hasDestination() ? withResult : withResult.withStatus(JobStatus.SUCCESS, at);
            }
            case QUERY_FAILED, DELIVERY_FAILED -> previous.withError(event.getError()).withStatus(JobStatus.ERROR, at);
            case DELIVERY_RETRYING -> previous.withError(event.getError()).withStatus(JobStatus.RUNNING, at);
            case DELIVERED -> previous.withError(null)
                    .withDelivery(event.getRows(), event.getBytes(), event.getDroppedRows())
                    .withStatus(JobStatus.SUCCESS, at);
            case KILLED -> previous.withError(event.getError()).withStatus(JobStatus.KILLED, at);
        };
    }

    /** A failed delivery whose stored result was published again: the only way out of a final status. */
    private static boolean isRerun(JobState previous, JobEvent event) {
        return event.getType() == JobEventType.RUNNING && previous.status() == JobStatus.ERROR
                && previous.numRecords() != null && previous.hasDestination();
    }

    private static JobState queued(JobRequest r, Instant at) {
        String result = r.getDestination() == null ? r.getSavedResult() : r.getDestination().getMaskedUrl();
        Instant created = r.getRequestedAt() == null ? at : r.getRequestedAt();
        return new JobState(r.getJobId(), r.getAccountId(), JobStatus.QUEUED, r.getEngine(), r.getDatabase(),
                r.getQuery(), r.getPriority(), r.getRetryLimit(), result, r.getDomainKey(), created, null, null, at,
                null, null, null, null, null, null, null);
    }
}
