package io.tideway.writer;

import java.time.Duration;
import java.util.Optional;

/**
 * How a job whose delivery failed with a retriable error is tried again: after {@code initialBackoff}, doubling
 * each time up to {@code maxBackoff}, until {@code maxAttempts} attempts (the first one included) have failed.
 *
 * @param initialBackoff wait before the second attempt; default {@value #DEFAULT_INITIAL_BACKOFF_MILLIS} ms
 * @param maxBackoff     longest wait between attempts; default {@value #DEFAULT_MAX_BACKOFF_MILLIS} ms
 * @param maxAttempts    attempts in all, at least 1; default {@value #DEFAULT_MAX_ATTEMPTS}
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

    public static final long DEFAULT_INITIAL_BACKOFF_MILLIS = 1_000;
    public static final long DEFAULT_MAX_BACKOFF_MILLIS = 30_000;
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(DEFAULT_INITIAL_BACKOFF_MILLIS),
            Duration.ofMillis(DEFAULT_MAX_BACKOFF_MILLIS), DEFAULT_MAX_ATTEMPTS);

    public RetryPolicy {
        if (initialBackoff == null || initialBackoff.isNegative() || maxBackoff == null
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("Retry backoff must be 0 <= initial <= max, not initial "
                    + initialBackoff + " and max " + maxBackoff);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("Retry max attempts must be at least 1, not " + maxAttempts);
        }
    }

    /** Whether another attempt may follow the given number of failed attempts. */
    public boolean allowsAnotherAfter(int failedAttempts) {
        return failedAttempts < maxAttempts;
    }

    /** The wait before the next attempt, after the given number (from 1) of failed attempts. */
    public Duration backoffAfter(int failedAttempts) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < failedAttempts && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    /**
     * The wait before the next attempt after the given number (from 1) of failed attempts, when the last failure
     * suggested {@code retryAfter}: {@code max(backoff, min(retryAfter, maxBackoff))}. A suggestion lengthens the
     * wait up to the longest backoff and never shortens it.
     */
    public Duration delayAfter(int failedAttempts, Optional<Duration> retryAfter) {
        Duration backoff = backoffAfter(failedAttempts);
        Duration suggested = retryAfter.map(after -> after.compareTo(maxBackoff) > 0 ? maxBackoff : after)
                .orElse(Duration.ZERO);
        return suggested.compareTo(backoff) > 0 ? suggested : backoff;
    }
}
