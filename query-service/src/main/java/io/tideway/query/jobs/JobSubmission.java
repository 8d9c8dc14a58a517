package io.tideway.query.jobs;

import io.tideway.query.accounts.Caller;

/**
 * What a caller asks for when issuing a job, as given: nothing is checked yet.
 *
 * @param caller     who issues it, with the key used (a same-account td:// result is delivered with that key)
 * @param type       the job type from the path (presto, hive, ...)
 * @param resultUrl  the destination URL with its secrets, or null to keep the result with the job
 * @param domainKey  the caller's idempotency key, or null
 */
public record JobSubmission(Caller caller, String type, String database, String query, String resultUrl,
                            int priority, int retryLimit, String domainKey) {

    public String accountId() {
        return caller.accountId();
    }

    @Override
    public String toString() {
        return "JobSubmission[account=" + accountId() + ", type=" + type + ", database=" + database + "]";
    }
}
