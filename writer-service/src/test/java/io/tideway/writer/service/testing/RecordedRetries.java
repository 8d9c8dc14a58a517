package io.tideway.writer.service.testing;

import io.micronaut.context.annotation.Requires;
import io.tideway.writer.AttemptListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records the retries the writer runtime schedules and starts, as it reports them; a bean only where the property
 * {@value #ENABLED} is true, so that a test can look the schedule up.
 */
@Singleton
@Requires(property = RecordedRetries.ENABLED, value = "true")
public final class RecordedRetries implements AttemptListener {

    public static final String ENABLED = "tideway.test.record-retries";

    /** A retry as scheduled after a failed attempt, and when it started (null until it has). */
    public record Retry(String jobId, int failedAttempts, Instant failedAt, Duration delay, Instant startedAt) {

        /** How long after the failure the retry really started. */
        public Duration waited() {
            return Duration.between(failedAt, startedAt);
        }
    }

    private final List<Retry> retries = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void retryScheduled(String jobId, int failedAttempts, Instant failedAt, Duration delay) {
        retries.add(new Retry(jobId, failedAttempts, failedAt, delay, null));
    }

    @Override
    public synchronized void retryStarted(String jobId, int attempt, Instant startedAt) {
        for (int i = 0; i < retries.size(); i++) {
            Retry r = retries.get(i);
            if (r.jobId().equals(jobId) && r.failedAttempts() == attempt - 1) {
                retries.set(i, new Retry(jobId, r.failedAttempts(), r.failedAt(), r.delay(), startedAt));
            }
        }
    }

    /** The job's retries so far, in order. */
    public List<Retry> of(String jobId) {
        return retries.stream().filter(r -> r.jobId().equals(jobId)).toList();
    }
}
