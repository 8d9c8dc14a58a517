package io.tideway.scheduler;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.tideway.scheduling.CatchUp;
import java.time.Duration;
import java.util.Locale;

/**
 * How the scheduler runs ({@code tideway.scheduler.*}).
 *
 * @param stateDir          {@code tideway.scheduler.state-dir}: the Kafka Streams state directory (the local copy
 *                          of the definitions and positions stores); default {@value #DEFAULT_STATE_DIR}
 * @param catchUp           {@code tideway.scheduler.catch-up}: {@code latest} (default), {@code all} or {@code none};
 *                          what to do with ticks missed while the scheduler was stopped (see {@link CatchUp})
 * @param tickInterval      {@code tideway.scheduler.tick-interval}: how often due ticks are looked for, e.g.
 *                          {@code 250ms} (default); a tick fires at most this late
 * @param replicationFactor {@code tideway.scheduler.replication-factor}: replicas of the topics it creates and of
 *                          its changelog topics; default 1 (a single broker)
 * @param applicationId     {@code tideway.scheduler.application-id}: the Kafka Streams application id, shared by every
 *                          instance of one scheduler; default {@value #DEFAULT_APPLICATION_ID}
 */
@ConfigurationProperties("tideway.scheduler")
public record SchedulerSettings(@Nullable String stateDir, @Nullable String catchUp, @Nullable Duration tickInterval,
                                @Nullable Integer replicationFactor, @Nullable String applicationId) {

    public static final String DEFAULT_STATE_DIR = "./data/scheduler";
    public static final long DEFAULT_TICK_INTERVAL_MILLIS = 250;
    public static final String DEFAULT_APPLICATION_ID = "tideway-scheduler";

    public SchedulerSettings {
        stateDir = stateDir == null || stateDir.isBlank() ? DEFAULT_STATE_DIR : stateDir;
        catchUp = policy(catchUp).name().toLowerCase(Locale.ROOT);
        tickInterval = tickInterval == null ? Duration.ofMillis(DEFAULT_TICK_INTERVAL_MILLIS) : tickInterval;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        applicationId = applicationId == null || applicationId.isBlank() ? DEFAULT_APPLICATION_ID : applicationId;
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("tideway.scheduler.tick-interval must be positive, not " + tickInterval);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("tideway.scheduler.replication-factor must be at least 1, not "
                    + replicationFactor);
        }
    }

    /** The catch-up policy {@code catch-up} names. */
    public CatchUp catchUpPolicy() {
        return CatchUp.parse(catchUp);
    }

    private static CatchUp policy(String name) {
        try {
            return CatchUp.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tideway.scheduler.catch-up: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "scheduler.state-dir=" + stateDir + ", scheduler.catch-up=" + catchUp
                + ", scheduler.tick-interval=" + tickInterval.toMillis() + "ms, scheduler.replication-factor="
                + replicationFactor + ", scheduler.application-id=" + applicationId;
    }
}
