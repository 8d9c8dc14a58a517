package io.tideway.scheduling;

import io.tideway.schemas.ScheduleDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a schedule's jobs run: its ticks ({@link CronSchedule}) and the delay after each tick before the job is
 * requested ({@code -D}). A job runs for its tick (its scheduled time, {@code TD_SCHEDULED_TIME()}) at the tick plus
 * the delay.
 *
 * @param cron  the ticks
 * @param delay how long after a tick its job is requested; never negative
 */
public record Schedule(CronSchedule cron, Duration delay) {

    public Schedule {
        Objects.requireNonNull(cron, "cron");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new InvalidScheduleException("delay", "Delay must not be negative, not " + delay.getSeconds()
                    + " seconds");
        }
    }

    /** Validates and builds a schedule; throws {@link InvalidScheduleException} naming what is wrong. */
    public static Schedule of(String cron, String timeZone, long delaySeconds) {
        if (delaySeconds < 0) {
            throw new InvalidScheduleException("delay", "Delay must not be negative, not " + delaySeconds + " seconds");
        }
        return new Schedule(CronSchedule.parse(cron, timeZone), Duration.ofSeconds(delaySeconds));
    }

    /** The schedule of a definition on the schedules topic. */
    public static Schedule of(ScheduleDefinition definition) {
        return of(definition.getCron(), definition.getTimeZone(), definition.getDelaySeconds());
    }

    public boolean isManualOnly() {
        return cron.isManualOnly();
    }

    /** When the job of {@code tick} is requested: the tick plus the delay. */
    public Instant runTime(Instant tick) {
        return tick.plus(delay);
    }

    /** The next tick strictly after {@code after} (the API's {@code next_time}; the first run time at create). */
    public Optional<Instant> nextTick(Instant after) {
        return cron.next(after);
    }

    /** The latest tick whose run time has come by {@code now}, if any. */
    public Optional<Instant> latestDue(Instant now) {
        return cron.previous(now.minus(delay));
    }
}
