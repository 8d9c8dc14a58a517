package io.tideway.writer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Hears when the {@link WriterRuntime} schedules and starts retries, e.g. for metrics or for a test that checks the
 * schedule. Called on the runtime's threads (the consumer thread schedules, a retry thread starts): an
 * implementation must be thread-safe, quick, and must not throw.
 */
public interface AttemptListener {

    AttemptListener NONE = new AttemptListener() { };

    /**
     * A retriable failure of the job's attempt number {@code failedAttempts} (from 1) was scheduled for a retry.
     *
     * @param failedAt when the failure was handled
     * @param delay    the wait before the retry: the backoff, or the destination's suggested
     *                 {@linkplain DeliveryException#retryAfter() retry-after} when longer (capped by the policy)
     */
    default void retryScheduled(String jobId, int failedAttempts, Instant failedAt, Duration delay) {
    }

    /** The retry that is the job's attempt number {@code attempt} (from 2) started, at {@code startedAt}. */
    default void retryStarted(String jobId, int attempt, Instant startedAt) {
    }

    /** One listener that tells each of {@code listeners} in turn. */
    static AttemptListener all(List<? extends AttemptListener> listeners) {
        List<AttemptListener> each = List.copyOf(listeners);
        return new AttemptListener() {
            @Override
            public void retryScheduled(String jobId, int failedAttempts, Instant failedAt, Duration delay) {
                each.forEach(l -> l.retryScheduled(jobId, failedAttempts, failedAt, delay));
            }

            @Override
            public void retryStarted(String jobId, int attempt, Instant startedAt) {
                each.forEach(l -> l.retryStarted(jobId, attempt, startedAt));
            }
        };
    }
}
