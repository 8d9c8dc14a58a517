package io.tideway.query.jobs;

import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobRequest;
import java.time.Instant;

/**
 * How one event moves a job's {@link JobTimeline}; applied beside {@link JobStateFold}, and only while the job is not
 * finished. A RUNNING event starts the query stage afresh (a job whose worker died runs again).
 */
final class JobTimelineFold {

    private JobTimelineFold() {
    }

    /** The timeline after {@code event}; {@code previous} is null for a job not seen yet. Returns null to ignore. */
    static JobTimeline apply(JobTimeline previous, JobEvent event) {
        Instant at = event.getTime();
        if (previous == null) {
            JobRequest r = event.getRequest();
            if (r == null) {
                return null;
            }
            JobTimeline queued = new JobTimeline(hasDestination(r), r.getRequestedAt() == null ? at
                    : r.getRequestedAt(), null, null, null, null, null);
            return apply(queued, event);
        }
        return switch (event.getType()) {
            case QUEUED, UNKNOWN, DELIVERY_RETRYING -> previous;
            case RUNNING -> previous.running(at, event.getRequest() == null ? previous.hasDestination()
                    : hasDestination(event.getRequest()));
            case QUERY_FINISHED -> previous.queryFinished(event.getQueryEndedAt(), at);
            case DELIVERED, DELIVERY_FAILED -> previous.deliveryEnded(at);
            case QUERY_FAILED, KILLED -> previous.ended(at);
        };
    }

    private static boolean hasDestination(JobRequest r) {
        return r.getDestination() != null || r.getSavedResult() != null;
    }
}
