package io.tideway.query.runner;

/** Raised between batches when the job was killed; stops the query. */
class JobKilledException extends RuntimeException {

    JobKilledException(String jobId) {
        super("Job " + jobId + " was killed", null, false, false);
    }
}
