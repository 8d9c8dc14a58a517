package io.tideway.writer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Hears what the {@link WriterRuntime} does with jobs: retries scheduled and started, deliveries, failures, dead
 * letters, and its Kafka consumer; for metrics, or for a test that checks the schedule. The runtime stays free of
 * any metrics library: a service turns these calls into meters. Called on the runtime's threads (the consumer thread
 * mostly, a retry thread when a retry starts): an implementation must be thread-safe, quick, and must not throw.
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

    /**
     * The job was delivered by its attempt number {@code attempt} (from 1).
     *
     * @param attemptTime   how long that attempt took, from opening the delivery to its commit
     * @param sincePublished from the moment the query service began publishing the job's result (the timestamp of
     *                       its header record, sent with the first rows) to now: how late the result arrives, the
     *                       rest of the query, its transaction, the queue before the writer and retries included
     */
    default void delivered(String jobId, Receipt receipt, int attempt, Duration attemptTime, Duration sincePublished) {
    }

    /** Delivery of the job gave up after {@code attempts} failed attempts (a permanent failure, or retries spent). */
    default void gaveUp(String jobId, int attempts) {
    }

    /** A record of {@code topic} could not be decoded and was sent to the dead-letter topic. */
    default void deadLettered(String topic) {
    }

    /**
     * The runtime created its consumer, before its first poll; e.g. to bind the consumer's own metrics (its lag).
     * The consumer belongs to the runtime's thread: only its thread-safe {@code metrics()} may be read elsewhere.
     */
    default void consumerCreated(Consumer<?, ?> consumer) {
    }

    /** The runtime closed the consumer it announced with {@link #consumerCreated}. */
    default void consumerClosed(Consumer<?, ?> consumer) {
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

            @Override
            public void delivered(String jobId, Receipt receipt, int attempt, Duration attemptTime,
                                  Duration sincePublished) {
                each.forEach(l -> l.delivered(jobId, receipt, attempt, attemptTime, sincePublished));
            }

            @Override
            public void gaveUp(String jobId, int attempts) {
                each.forEach(l -> l.gaveUp(jobId, attempts));
            }

            @Override
            public void deadLettered(String topic) {
                each.forEach(l -> l.deadLettered(topic));
            }

            @Override
            public void consumerCreated(Consumer<?, ?> consumer) {
                each.forEach(l -> l.consumerCreated(consumer));
            }

            @Override
            public void consumerClosed(Consumer<?, ?> consumer) {
                each.forEach(l -> l.consumerClosed(consumer));
            }
        };
    }
}
