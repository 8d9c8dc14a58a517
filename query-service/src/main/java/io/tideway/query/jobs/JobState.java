package io.tideway.query.jobs;

import java.time.Instant;
import java.util.List;

/**
 * What the job-status view knows about a job, folded from its events. Immutable; the view replaces it on each
 * event.
 *
 * @param resultUrl       the destination, masked; null when the result is kept with the job
 * @param numRecords      rows in the result, once the query finished
 * @param error           why the job failed, or the last transient delivery failure while it retries
 * @param deliveredRows   rows the destination received
 * @param deliveredBytes  bytes written to the destination
 * @param droppedRows     rows the destination's limit cut off
 */
public record JobState(String jobId, String accountId, JobStatus status, String type, String database, String query,
                       int priority, int retryLimit, String resultUrl, String domainKey, Instant createdAt,
                       Instant startAt, Instant endAt, Instant updatedAt, Long numRecords, List<String> columnNames,
                       List<String> columnTypes, String error, Long deliveredRows, Long deliveredBytes,
                       Long droppedRows) {

    public boolean hasDestination() {
        return resultUrl != null;
    }

    JobState withStatus(JobStatus newStatus, Instant at) {
        return new JobState(jobId, accountId, newStatus, type, database, query, priority, retryLimit, resultUrl,
                domainKey, createdAt, startAt, newStatus.isFinished() ? at : endAt, at, numRecords, columnNames,
                columnTypes, error, deliveredRows, deliveredBytes, droppedRows);
    }

    JobState started(Instant at) {
        return new JobState(jobId, accountId, JobStatus.RUNNING, type, database, query, priority, retryLimit,
                resultUrl, domainKey, createdAt, at, null, at, numRecords, columnNames, columnTypes, error,
                deliveredRows, deliveredBytes, droppedRows);
    }

    JobState withResult(Long rows, List<String> names, List<String> types) {
        return new JobState(jobId, accountId, status, type, database, query, priority, retryLimit, resultUrl,
                domainKey, createdAt, startAt, endAt, updatedAt, rows, names, types, error, deliveredRows,
                deliveredBytes, droppedRows);
    }

    JobState withError(String message) {
        return new JobState(jobId, accountId, status, type, database, query, priority, retryLimit, resultUrl,
                domainKey, createdAt, startAt, endAt, updatedAt, numRecords, columnNames, columnTypes, message,
                deliveredRows, deliveredBytes, droppedRows);
    }

    /** A saved destination resolved when the job ran: the masked URL it resolved to. */
    JobState withResultUrl(String maskedUrl) {
        return new JobState(jobId, accountId, status, type, database, query, priority, retryLimit, maskedUrl,
                domainKey, createdAt, startAt, endAt, updatedAt, numRecords, columnNames, columnTypes, error,
                deliveredRows, deliveredBytes, droppedRows);
    }

    JobState withDelivery(Long rows, Long bytes, Long dropped) {
        return new JobState(jobId, accountId, status, type, database, query, priority, retryLimit, resultUrl,
                domainKey, createdAt, startAt, endAt, updatedAt, numRecords, columnNames, columnTypes, error,
                rows, bytes, dropped);
    }
}
