package io.tideway.query.runner;

import java.time.Duration;

/** Publishing a result took longer than one Kafka transaction may stay open; the job fails with this message. */
class ResultTooSlowException extends RuntimeException {

    ResultTooSlowException(String jobId, Duration limit) {
        super("The result of job " + jobId + " took longer than " + limit.toMinutes() + " minutes to produce; "
                + "results are published in one Kafka transaction, which may stay open at most that long", null,
                false, false);
    }
}
