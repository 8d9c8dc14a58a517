package io.tideway.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the scheduler does with ticks whose run time passed while it could not fire them (it was stopped, or a
 * schedule arrived late). A tick is <em>on time</em> when its run time (tick plus delay) is at most {@link #GRACE}
 * ago, and <em>missed</em> otherwise. On-time ticks always fire; missed ones are handled by the policy, and
 * whatever is skipped is reported in the {@link CatchUpPlan} (the scheduler logs it: never silently).
 * <ul>
 *   <li>{@link #LATEST} (default): run the most recent due tick once, skip the older missed ones.</li>
 *   <li>{@link #ALL}: run every missed tick, oldest first ({@link #MAX_TICKS_PER_PLAN} at a time).</li>
 *   <li>{@link #NONE}: run only on-time ticks, skip every missed one.</li>
 * </ul>
 */
public enum CatchUp {
    LATEST, ALL, NONE;

    /** How late a tick may fire and still count as on time rather than missed. */
    public static final Duration GRACE = Duration.ofMinutes(1);
    /** At most this many ticks per plan; a longer backlog ({@link #ALL}) continues from the plan's position. */
    public static final int MAX_TICKS_PER_PLAN = 1000;
    /** Skipped ticks are counted up to this many (the log says "at least"). */
    public static final int MAX_SKIPPED_COUNTED = 10_000;

    /** The policy named {@code latest}, {@code all} or {@code none} (any case); null or blank is {@link #LATEST}. */
    public static CatchUp parse(String name) {
        if (name == null || name.isBlank()) {
            return LATEST;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown catch-up policy '" + name + "': use latest, all or none");
        }
    }

    /**
     * Which ticks of {@code schedule} to fire at {@code now}, given that every tick up to {@code lastFired} has been
     * handled: of the ticks after {@code lastFired} whose run time has come, this policy's choice.
     */
    public CatchUpPlan plan(Schedule schedule, Instant lastFired, Instant now) {
        Optional<Instant> latest = schedule.latestDue(now).filter(t -> t.isAfter(lastFired));
        if (latest.isEmpty()) {
            return CatchUpPlan.nothing(lastFired);
        }
        Instant onTimeFrom = now.minus(GRACE).minus(schedule.delay());
        Instant first = schedule.cron().next(lastFired).orElseThrow();
        if (first.equals(latest.get())) {
            boolean fire = this != NONE || !first.isBefore(onTimeFrom);
            return fire ? new CatchUpPlan(List.of(first), first, first.isBefore(onTimeFrom) ? 1 : 0, 0, null, null)
                    : new CatchUpPlan(List.of(), first, 0, 1, first, first);
        }
        return switch (this) {
            case ALL -> all(schedule, first, latest.get(), onTimeFrom);
            case LATEST -> skipAllBut(schedule, first, latest.get(), true, onTimeFrom);
            case NONE -> skipAllBut(schedule, first, latest.get(), !latest.get().isBefore(onTimeFrom), onTimeFrom);
        };
    }

    private static CatchUpPlan all(Schedule schedule, Instant first, Instant latest, Instant onTimeFrom) {
        List<Instant> fire = new ArrayList<>();
        int late = 0;
        for (Instant t = first; t != null && !t.isAfter(latest) && fire.size() < MAX_TICKS_PER_PLAN;
             t = schedule.cron().next(t).orElse(null)) {
            fire.add(t);
            late += t.isBefore(onTimeFrom) ? 1 : 0;
        }
        return new CatchUpPlan(List.copyOf(fire), fire.get(fire.size() - 1), late, 0, null, null);
    }

    private static CatchUpPlan skipAllBut(Schedule schedule, Instant first, Instant latest, boolean fireLatest,
                                          Instant onTimeFrom) {
        Instant lastSkipped = fireLatest ? schedule.cron().previous(latest.minusSeconds(1)).orElseThrow() : latest;
        int skipped = 0;
        for (Instant t = first; t != null && !t.isAfter(lastSkipped) && skipped < MAX_SKIPPED_COUNTED;
             t = schedule.cron().next(t).orElse(null)) {
            skipped++;
        }
        List<Instant> fire = fireLatest ? List.of(latest) : List.of();
        int late = fireLatest && latest.isBefore(onTimeFrom) ? 1 : 0;
        return new CatchUpPlan(fire, latest, late, skipped, first, lastSkipped);
    }
}
