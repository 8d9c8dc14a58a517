package io.tideway.scheduling;

import com.cronutils.model.time.ExecutionTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a schedule ticks: a five-field Unix cron expression (or {@code @hourly}, {@code @daily}, {@code @weekly},
 * {@code @monthly}, {@code @yearly}, {@code @annually}, {@code @midnight}) read as wall-clock time in an IANA time
 * zone. The empty expression is a manual-only schedule: it never ticks, and runs only by {@code sched:run}.
 * Day-of-month and day-of-week both restricted means either (Unix cron); times have minute resolution.
 *
 * <h2>Daylight-saving time</h2>
 * A change of the clock neither skips nor repeats a run:
 * <ul>
 *   <li><b>A wall time that does not exist</b> (spring forward, e.g. 02:30 on 2026-03-08 in America/New_York)
 *   runs as late as the clock jumped: 02:30 runs at 03:30 EDT, the instant that 02:30 EST would have been (what
 *   {@code java.time} does). Moving each missing time by the length of the gap keeps distinct times distinct
 *   (02:00, 02:15, 02:30, 02:45 become 03:00, 03:15, 03:30, 03:45, not four runs at 03:00) and keeps a run's
 *   distance from its neighbours; a shifted time that coincides with a real one (02:00 and 03:00 of {@code @hourly})
 *   is one tick, so an hourly schedule runs 23 times that day.</li>
 *   <li><b>A wall time that occurs twice</b> (fall back, e.g. 01:30 on 2026-11-01 in America/New_York) runs once, at
 *   its first occurrence (01:30 EDT), for a schedule that names its hours ({@code 30 1 * * *}, {@code 0 9-17 * * *}).
 *   A schedule whose hour field is {@code *} or {@code *}{@code /n} (and {@code @hourly}) counts elapsed time, not
 *   wall-clock hours, and runs in both occurrences: {@code @hourly} runs 25 times that day. This is Vixie cron's
 *   rule for wildcard hours.</li>
 * </ul>
 * Instances are immutable and thread-safe.
 */
public final class CronSchedule {

    /** The zone of a schedule that names none. */
    public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;
    private static final int MAX_ZONE_INTERVALS = 10_000;

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime wallClock;
    private final boolean elapsedHours;
    /** The last answers of next and previous: schedules that share a cron ask the same question each tick. */
    private volatile Memo lastNext;
    private volatile Memo lastPrevious;

    private record Memo(long question, Long answer) {
    }

    private CronSchedule(String expression, ZoneId zone, ExecutionTime wallClock, boolean elapsedHours) {
        this.expression = expression;
        this.zone = zone;
        this.wallClock = wallClock;
        this.elapsedHours = elapsedHours;
    }

    /**
     * Parses {@code cron} in the zone named {@code timeZone} (an IANA name such as {@code Asia/Tokyo}; null or blank
     * is UTC). Throws {@link InvalidScheduleException} naming the field and why, or the unknown zone.
     */
    public static CronSchedule parse(String cron, String timeZone) {
        return parse(cron, zone(timeZone));
    }

    public static CronSchedule parse(String cron, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        String expression = cron == null ? "" : cron.trim();
        if (expression.isEmpty()) {
            return new CronSchedule("", zone, null, false);
        }
        String[] fields = CronFields.split(expression);
        ExecutionTime wallClock = ExecutionTime.forCron(CronFields.parse(fields));
        if (wallClock.nextExecution(ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)).isEmpty()) {
            throw new InvalidScheduleException("cron", "Cron '" + expression + "' never runs: its day-of-month and "
                    + "month name no real date (e.g. 30 2 is February 30th)");
        }
        return new CronSchedule(expression, zone, wallClock, fields[1].startsWith("*"));
    }

    /** The zone named {@code timeZone}; null or blank is UTC. Throws {@link InvalidScheduleException} if unknown. */
    public static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return DEFAULT_ZONE;
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            throw new InvalidScheduleException("timezone", "Unknown time zone '" + timeZone + "': use an IANA name "
                    + "such as Asia/Tokyo, America/New_York or UTC");
        }
    }

    /** The expression as given, trimmed; empty for a manual-only schedule. */
    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether the schedule never ticks and runs only on request ({@code sched:run}). */
    public boolean isManualOnly() {
        return wallClock == null;
    }

    /** The first tick strictly after {@code after}; empty for a manual-only schedule. */
    public Optional<Instant> next(Instant after) {
        if (isManualOnly()) {
            return Optional.empty();
        }
        long question = after.getEpochSecond();
        Memo memo = lastNext;
        if (memo == null || memo.question != question) {
            memo = new Memo(question, computeNext(question));
            lastNext = memo;
        }
        return Optional.ofNullable(memo.answer).map(Instant::ofEpochSecond);
    }

    private Long computeNext(long s) {
        ZoneRules rules = zone.getRules();
        for (int i = 0; i < MAX_ZONE_INTERVALS; i++) {
            Interval interval = Interval.containing(rules, s + 1);
            Long best = earliestIn(interval, s);
            if (best != null || interval.end == Long.MAX_VALUE) {
                return best;
            }
            s = interval.end - 1;
        }
        return null;
    }

    /** The last tick at or before {@code atOrBefore}; empty for a manual-only schedule. */
    public Optional<Instant> previous(Instant atOrBefore) {
        if (isManualOnly()) {
            return Optional.empty();
        }
        long question = atOrBefore.getEpochSecond();
        Memo memo = lastPrevious;
        if (memo == null || memo.question != question) {
            memo = new Memo(question, computePrevious(question));
            lastPrevious = memo;
        }
        return Optional.ofNullable(memo.answer).map(Instant::ofEpochSecond);
    }

    private Long computePrevious(long q) {
        ZoneRules rules = zone.getRules();
        for (int i = 0; i < MAX_ZONE_INTERVALS; i++) {
            Interval interval = Interval.containing(rules, q);
            Long best = latestIn(interval, q);
            if (best != null || interval.start == Long.MIN_VALUE) {
                return best;
            }
            q = interval.start - 1;
        }
        return null;
    }

    /** The first {@code n} ticks at or after {@code from} (a backfill); empty for a manual-only schedule. */
    public List<Instant> times(Instant from, int n) {
        List<Instant> times = new ArrayList<>(Math.max(0, Math.min(n, 10_000)));
        Optional<Instant> next = next(from.minusNanos(1));
        while (times.size() < n && next.isPresent()) {
            times.add(next.get());
            next = next(next.get());
        }
        return times;
    }

    /**
     * The times {@code sched:run NAME TIME -n N} runs: the first {@code n} ticks at or after {@code from}; for a
     * manual-only schedule, which has no ticks, {@code from} itself (to the second), once.
     */
    public List<Instant> runTimes(Instant from, int n) {
        if (n < 1) {
            return List.of();
        }
        return isManualOnly() ? List.of(Instant.ofEpochSecond(from.getEpochSecond())) : times(from, n);
    }

    /** Earliest tick in the interval strictly after {@code s}, or null. */
    private Long earliestIn(Interval in, long s) {
        Long best = null;
        long hidden = in.hiddenUntil(elapsedHours);
        long regularAfter = hidden == Long.MIN_VALUE ? s : Math.max(s, hidden - 1);
        Long regular = nextWallClock(regularAfter, in.offset);
        if (regular != null && regular < in.end) {
            best = regular;
        }
        if (in.gap > 0) {
            Long shifted = nextWallClock(Math.max(s, in.start - 1), in.offsetBefore);
            if (shifted != null && shifted < in.start + in.gap && shifted < in.end) {
                best = best == null ? shifted : Math.min(best, shifted);
            }
        }
        return best;
    }

    /** Latest tick in the interval at or before {@code q}, or null. */
    private Long latestIn(Interval in, long q) {
        Long best = null;
        Long regular = wallClockAtOrBefore(q, in.offset);
        if (regular != null && regular >= in.hiddenUntil(elapsedHours)) {
            best = regular;
        }
        if (in.gap > 0) {
            Long shifted = wallClockAtOrBefore(Math.min(q, in.start + in.gap - 1), in.offsetBefore);
            if (shifted != null && shifted >= in.start) {
                best = best == null ? shifted : Math.max(best, shifted);
            }
        }
        return best;
    }

    /** The instant of the first matching wall time after the wall time of {@code epochSecond} at {@code offset}. */
    private Long nextWallClock(long epochSecond, ZoneOffset offset) {
        LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
        return wallClock.nextExecution(local.atZone(ZoneOffset.UTC))
                .map(t -> t.toLocalDateTime().toEpochSecond(offset)).orElse(null);
    }

    private Long wallClockAtOrBefore(long epochSecond, ZoneOffset offset) {
        LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, offset).plusSeconds(1);
        return wallClock.lastExecution(local.atZone(ZoneOffset.UTC))
                .map(t -> t.toLocalDateTime().toEpochSecond(offset)).orElse(null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronSchedule other && expression.equals(other.expression) && zone.equals(other.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression, zone);
    }

    @Override
    public String toString() {
        return (isManualOnly() ? "manual only" : "'" + expression + "'") + " in " + zone;
    }

    /**
     * A stretch of time with one UTC offset, from the transition that began it ({@code start}, inclusive) to the next
     * ({@code end}, exclusive). After a spring-forward transition, its first {@code gap} seconds also carry the wall
     * times the clock jumped over, read at the old offset; after a fall-back, its first {@code overlap} seconds repeat
     * wall times that have already been.
     */
    private record Interval(long start, long end, ZoneOffset offset, ZoneOffset offsetBefore, long gap, long overlap) {

        static Interval containing(ZoneRules rules, long epochSecond) {
            Instant at = Instant.ofEpochSecond(epochSecond);
            ZoneOffsetTransition began = rules.previousTransition(at.plusSeconds(1));
            ZoneOffsetTransition ends = rules.nextTransition(at);
            long end = ends == null ? Long.MAX_VALUE : ends.getInstant().getEpochSecond();
            if (began == null) {
                return new Interval(Long.MIN_VALUE, end, rules.getOffset(at), rules.getOffset(at), 0, 0);
            }
            long change = began.getDuration().getSeconds();
            return new Interval(began.getInstant().getEpochSecond(), end, began.getOffsetAfter(),
                    began.getOffsetBefore(), Math.max(change, 0), Math.max(-change, 0));
        }

        /** Where wall times seen for the first time begin: after the repeated ones, unless they count elapsed time. */
        long hiddenUntil(boolean elapsedHours) {
            return elapsedHours || overlap == 0 ? start : start + overlap;
        }
    }
}
