package io.tideway.writer.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.tideway.writer.RetryPolicy;
import java.time.Duration;

/**
 * How failed deliveries are retried ({@code tideway.writer.retry.*}); see {@link RetryPolicy} for the defaults.
 *
 * @param initialBackoff {@code tideway.writer.retry.initial-backoff}, e.g. {@code 1s}
 * @param maxBackoff     {@code tideway.writer.retry.max-backoff}, e.g. {@code 30s}
 * @param maxAttempts    {@code tideway.writer.retry.max-attempts}: attempts in all, the first included
 */
@ConfigurationProperties("tideway.writer.retry")
public record RetrySettings(@Nullable Duration initialBackoff, @Nullable Duration maxBackoff,
                            @Nullable Integer maxAttempts) {

    public RetryPolicy policy() {
        RetryPolicy defaults = RetryPolicy.DEFAULT;
        return new RetryPolicy(initialBackoff == null ? defaults.initialBackoff() : initialBackoff,
                maxBackoff == null ? defaults.maxBackoff() : maxBackoff,
                maxAttempts == null ? defaults.maxAttempts() : maxAttempts);
    }
}
