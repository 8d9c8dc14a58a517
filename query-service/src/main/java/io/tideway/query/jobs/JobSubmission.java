package io.tideway.query.jobs;

/**
 * What a caller asks for when issuing a job, as given: nothing is checked yet.
 *
 * @param type       the job type from the path (presto, hive, ...)
 * @param resultUrl  the destination URL with its secrets, or null to keep the result with the job
 * @param domainKey  the caller's idempotency key, or null
 */
public record JobSubmission(String accountId, String type, String database, String query, String resultUrl,
                            int priority, int retryLimit, String domainKey) {

    @Override
    public String toString() {
        return "JobSubmission[account=" + accountId + ", type=" + type + ", database=" + database + "]";
    }
}
