package io.tideway.query.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The job runner.
 *
 * @param threads {@code tideway.query.runner.threads}: jobs run at once by this instance, each thread with its
 *                own consumer and transactional producer; default {@value #DEFAULT_THREADS}
 */
@ConfigurationProperties("tideway.query.runner")
public record RunnerSettings(@Nullable Integer threads) {

    public static final int DEFAULT_THREADS = 2;

    public RunnerSettings {
        threads = threads == null ? DEFAULT_THREADS : threads;
        if (threads < 1) {
            throw new IllegalArgumentException("tideway.query.runner.threads must be at least 1, not " + threads);
        }
    }
}
