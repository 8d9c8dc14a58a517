package io.tideway.scheduler;

import java.time.Instant;

/**
 * The time the scheduler fires ticks by. In production the wall clock. For tests that must see many cron minutes in
 * a few seconds, a clock that runs {@code speed} times faster from {@code origin}: it reads
 * {@code origin + (wall - origin) × speed}. Every instance given the same origin and speed reads the same time, so
 * several scheduler processes agree on which ticks are due. Kafka Streams itself (commits, timeouts, punctuation
 * intervals) keeps the wall clock; only the schedules' time is scaled.
 */
final class SchedulerClock {

    static final SchedulerClock WALL = new SchedulerClock(0, 1);

    private final long originMillis;
    private final double speed;

    SchedulerClock(long originMillis, double speed) {
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("The scheduler's clock speed must be 1 or more, not " + speed);
        }
        this.originMillis = originMillis;
        this.speed = speed;
    }

    /** The scheduler's time at wall-clock {@code wallMillis}. */
    long millis(long wallMillis) {
        return speed == 1 ? wallMillis : originMillis + (long) ((wallMillis - originMillis) * speed);
    }

    boolean isWall() {
        return speed == 1;
    }

    @Override
    public String toString() {
        return isWall() ? "wall" : speed + "x from " + Instant.ofEpochMilli(originMillis);
    }
}
