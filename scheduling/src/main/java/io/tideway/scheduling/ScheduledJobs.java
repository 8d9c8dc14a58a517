package io.tideway.scheduling;

import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.JobOrigin;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.ScheduleDefinition;
import java.time.Instant;

/**
 * The job a schedule's tick becomes. Its id is derived from the schedule and the tick,
 * {@code <accountId>.<scheduleName>.<scheduledEpochSeconds>}, so a tick has exactly one job id however often, and
 * by however many scheduler instances, it is fired: the query service recognises the repeat and drops it.
 */
public final class ScheduledJobs {

    private ScheduledJobs() {
    }

    /** The id of the job for {@code scheduledTime} of the schedule, e.g. {@code 1.hourly_count.1767225600}. */
    public static String jobId(String accountId, String scheduleName, Instant scheduledTime) {
        return accountId + "." + scheduleName + "." + scheduledTime.getEpochSecond();
    }

    /** The request for a tick, with its derived id; see {@link #request(ScheduleDefinition, Instant, Instant, String)}. */
    public static JobRequest request(ScheduleDefinition schedule, Instant scheduledTime, Instant requestedAt) {
        return request(schedule, scheduledTime, requestedAt,
                jobId(schedule.getAccountId(), schedule.getName(), scheduledTime));
    }

    /**
     * The request for running {@code schedule} for {@code scheduledTime}, with origin SCHEDULE, the schedule's name,
     * and its destination (sealed) or saved destination (resolved when the job runs) as they are.
     */
    public static JobRequest request(ScheduleDefinition schedule, Instant scheduledTime, Instant requestedAt,
                                     String jobId) {
        return JobRequest.newBuilder()
                .setJobId(jobId)
                .setAccountId(schedule.getAccountId())
                .setDatabase(schedule.getDatabase())
                .setQuery(schedule.getQuery())
                .setEngine(schedule.getEngine())
                .setDestination(schedule.getDestination())
                .setSavedResult(schedule.getSavedResult())
                .setPriority(schedule.getPriority())
                .setRetryLimit(schedule.getRetryLimit())
                .setOrigin(JobOrigin.SCHEDULE)
                .setScheduledTime(Instant.ofEpochMilli(scheduledTime.toEpochMilli()))
                .setScheduleName(schedule.getName())
                .setRequestedAt(Instant.ofEpochMilli(requestedAt.toEpochMilli()))
                .build();
    }

    /** The QUEUED event that accompanies {@code request} on job-events, reported by {@code worker}. */
    public static JobEvent queued(JobRequest request, String worker, Instant time) {
        return JobEvent.newBuilder()
                .setJobId(request.getJobId())
                .setAccountId(request.getAccountId())
                .setType(JobEventType.QUEUED)
                .setTime(Instant.ofEpochMilli(time.toEpochMilli()))
                .setRequest(request)
                .setWorker(worker)
                .build();
    }
}
