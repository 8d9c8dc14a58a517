package io.tideway.scheduling;

import java.time.Instant;
import java.util.List;

/**
 * The ticks to fire now and the ones skipped, as {@link CatchUp} decided.
 *
 * @param fire         ticks to fire, oldest first
 * @param position     the tick every later decision starts after (the last tick fired or skipped)
 * @param late         how many of {@code fire} are missed ticks fired late (more than {@link CatchUp#GRACE})
 * @param skipped      how many missed ticks will never fire (counted up to {@link CatchUp#MAX_SKIPPED_COUNTED})
 * @param firstSkipped the oldest skipped tick, or null
 * @param lastSkipped  the newest skipped tick, or null
 */
public record CatchUpPlan(List<Instant> fire, Instant position, int late, int skipped, Instant firstSkipped,
                          Instant lastSkipped) {

    static CatchUpPlan nothing(Instant position) {
        return new CatchUpPlan(List.of(), position, 0, 0, null, null);
    }

    /** Whether this plan is anything but the ordinary firing of on-time ticks, so worth a log line. */
    public boolean isCatchUp() {
        return late > 0 || skipped > 0;
    }

    /** e.g. "skipped 9 missed ticks (2026-03-08T10:01:00Z .. 2026-03-08T10:09:00Z), fired 0 late". */
    public String describe() {
        String skippedPart = skipped == 0 ? "skipped none" : "skipped " + (skipped >= CatchUp.MAX_SKIPPED_COUNTED
                ? "at least " : "") + skipped + " missed tick" + (skipped == 1 ? "" : "s") + " (" + firstSkipped
                + (skipped == 1 ? "" : " .. " + lastSkipped) + ")";
        return skippedPart + ", firing " + fire.size() + " (" + late + " late)";
    }
}
