package io.tideway.query.jobs;

import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.JobRequest;
import java.time.Instant;
import java.util.List;

/** Builds the job events this service publishes. */
public final class JobEvents {

    private JobEvents() {
    }

    public static JobEvent queued(JobRequest request, String worker) {
        return base(request.getJobId(), request.getAccountId(), JobEventType.QUEUED, worker).setRequest(request).build();
    }

    /** Carries the request too, so that jobs published straight onto the jobs topic show up in the view. */
    public static JobEvent running(JobRequest request, String worker) {
        return base(request.getJobId(), request.getAccountId(), JobEventType.RUNNING, worker).setRequest(request).build();
    }

    /** RUNNING again for a job that ran before (a rerun of its delivery): its request is in the view already. */
    public static JobEvent runningAgain(String jobId, String accountId, String worker) {
        return base(jobId, accountId, JobEventType.RUNNING, worker).build();
    }

    public static JobEvent queryFinished(JobRequest request, long rows, List<String> names, List<String> types,
                                         String worker) {
        return queryFinished(request, rows, names, types, worker, null);
    }

    /** QUERY_FINISHED, with when the engine returned the last row ({@code queryEndedAt}, null when unknown). */
    public static JobEvent queryFinished(JobRequest request, long rows, List<String> names, List<String> types,
                                         String worker, Instant queryEndedAt) {
        return base(request.getJobId(), request.getAccountId(), JobEventType.QUERY_FINISHED, worker)
                .setRows(rows).setColumnNames(names).setColumnTypes(types).setQueryEndedAt(queryEndedAt).build();
    }

    public static JobEvent queryFailed(JobRequest request, String error, String worker) {
        return base(request.getJobId(), request.getAccountId(), JobEventType.QUERY_FAILED, worker)
                .setError(error).build();
    }

    public static JobEvent killed(String jobId, String accountId, String why, String worker) {
        return base(jobId, accountId, JobEventType.KILLED, worker).setError(why).build();
    }

    private static JobEvent.Builder base(String jobId, String accountId, JobEventType type, String worker) {
        return JobEvent.newBuilder().setJobId(jobId).setAccountId(accountId).setType(type)
                .setTime(Instant.now()).setWorker(worker);
    }
}
