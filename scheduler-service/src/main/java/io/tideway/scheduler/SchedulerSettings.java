package io.tideway.scheduler;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.tideway.scheduling.CatchUp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How the scheduler runs ({@code tideway.scheduler.*}).
 *
 * @param stateDir          {@code tideway.scheduler.state-dir}: the Kafka Streams state directory (the local copy
 *                          of the definitions and positions stores); default {@value #DEFAULT_STATE_DIR}
 * @param catchUp           {@code tideway.scheduler.catch-up}: {@code latest} (default), {@code all} or {@code none};
 *                          what to do with ticks missed while the scheduler was stopped (see {@link CatchUp})
 * @param tickInterval      {@code tideway.scheduler.tick-interval}: how often due ticks are looked for, e.g.
 *                          {@code 50ms} (default); a tick fires at most about this late
 * @param replicationFactor {@code tideway.scheduler.replication-factor}: replicas of the topics it creates and of
 *                          its changelog topics; default 1 (a single broker)
 * @param applicationId     {@code tideway.scheduler.application-id}: the Kafka Streams application id, shared by every
 *                          instance of one scheduler; default {@value #DEFAULT_APPLICATION_ID}
 * @param commitInterval    {@code tideway.scheduler.commit-interval}: how often Kafka Streams commits its transaction,
 *                          so how soon fired ticks are readable (read_committed); default
 *                          {@value #DEFAULT_COMMIT_INTERVAL_MILLIS} ms. A punctuation that fires ticks also asks
 *                          for a commit at once.
 * @param sessionTimeout    {@code tideway.scheduler.session-timeout}: how long the group waits for an instance that
 *                          stopped answering (killed, cut off) before its schedules move to another; Kafka's default
 *                          (45 s) when unset; the broker's bounds apply (by default 6 s to 30 min)
 * @param transactionTimeout {@code tideway.scheduler.transaction-timeout}: how long the broker keeps a killed
 *                          instance's open transaction before aborting it; the schedules it fired in it move on only
 *                          then; Kafka Streams' default (10 s) when unset
 * @param streamThreads     {@code tideway.scheduler.stream-threads}: Kafka Streams threads of this instance; the
 *                          schedules' partitions are shared among them, so a burst of due ticks is fired on that
 *                          many cores; default {@value #DEFAULT_STREAM_THREADS}
 * @param clockSpeed        {@code tideway.scheduler.clock-speed}: <b>for tests only</b>; the schedules' clock runs this
 *                          many times faster than the wall clock from {@code clock-origin} (default 1: the wall clock),
 *                          so that a test sees many cron minutes in seconds; see {@link SchedulerClock}
 * @param clockOrigin       {@code tideway.scheduler.clock-origin}: for tests only; the instant (ISO-8601) from which a
 *                          faster clock runs faster; every instance of one test must be given the same. Default: when
 *                          the service starts
 */
@ConfigurationProperties("tideway.scheduler")
public record SchedulerSettings(@Nullable String stateDir, @Nullable String catchUp, @Nullable Duration tickInterval,
                                @Nullable Integer replicationFactor, @Nullable String applicationId,
                                @Nullable Duration commitInterval, @Nullable Duration sessionTimeout,
                                @Nullable Duration transactionTimeout, @Nullable Integer streamThreads,
                                @Nullable Double clockSpeed,
                                @Nullable String clockOrigin) {

    public static final String DEFAULT_STATE_DIR = "./data/scheduler";
    public static final long DEFAULT_TICK_INTERVAL_MILLIS = 50;
    public static final String DEFAULT_APPLICATION_ID = "tideway-scheduler";
    public static final long DEFAULT_COMMIT_INTERVAL_MILLIS = 100;
    public static final int DEFAULT_STREAM_THREADS = 1;

    public SchedulerSettings {
        stateDir = stateDir == null || stateDir.isBlank() ? DEFAULT_STATE_DIR : stateDir;
        catchUp = policy(catchUp).name().toLowerCase(Locale.ROOT);
        tickInterval = tickInterval == null ? Duration.ofMillis(DEFAULT_TICK_INTERVAL_MILLIS) : tickInterval;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        applicationId = applicationId == null || applicationId.isBlank() ? DEFAULT_APPLICATION_ID : applicationId;
        commitInterval = commitInterval == null ? Duration.ofMillis(DEFAULT_COMMIT_INTERVAL_MILLIS) : commitInterval;
        streamThreads = streamThreads == null ? DEFAULT_STREAM_THREADS : streamThreads;
        if (streamThreads < 1) {
            throw new IllegalArgumentException("tideway.scheduler.stream-threads must be at least 1, not "
                    + streamThreads);
        }
        clockSpeed = clockSpeed == null ? 1.0 : clockSpeed;
        clockOrigin = clockOrigin == null || clockOrigin.isBlank() ? null : clockOrigin.strip();
        positive("commit-interval", commitInterval);
        positive("session-timeout", sessionTimeout);
        positive("transaction-timeout", transactionTimeout);
        if (!(clockSpeed >= 1)) {
            throw new IllegalArgumentException("tideway.scheduler.clock-speed must be 1 or more, not " + clockSpeed);
        }
        origin(clockOrigin);
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("tideway.scheduler.tick-interval must be positive, not " + tickInterval);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("tideway.scheduler.replication-factor must be at least 1, not "
                    + replicationFactor);
        }
    }

    /** The clock the schedules' ticks are fired by: the wall clock unless {@code clock-speed} says otherwise. */
    SchedulerClock clock() {
        if (clockSpeed == 1) {
            return SchedulerClock.WALL;
        }
        Instant origin = origin(clockOrigin);
        return new SchedulerClock(origin == null ? System.currentTimeMillis() : origin.toEpochMilli(), clockSpeed);
    }

    private static Instant origin(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("tideway.scheduler.clock-origin '" + text + "' is not an ISO-8601 "
                    + "instant such as 2026-01-01T00:00:00Z", e);
        }
    }

    private static void positive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("tideway.scheduler." + name + " must be positive, not " + value);
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
                + replicationFactor + ", scheduler.application-id=" + applicationId + ", scheduler.commit-interval="
                + commitInterval.toMillis() + "ms, scheduler.stream-threads=" + streamThreads
                + ", scheduler.session-timeout="
                + (sessionTimeout == null ? "kafka default" : sessionTimeout.toMillis() + "ms")
                + ", scheduler.transaction-timeout="
                + (transactionTimeout == null ? "kafka default" : transactionTimeout.toMillis() + "ms")
                + (clockSpeed == 1 ? "" : ", scheduler.clock-speed=" + clockSpeed
                + " (FOR TESTS), scheduler.clock-origin="
                + (clockOrigin == null ? "start" : clockOrigin));
    }
}
