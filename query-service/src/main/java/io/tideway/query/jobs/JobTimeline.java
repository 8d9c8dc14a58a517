package io.tideway.query.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a job passed from one stage to the next, folded from its events by {@link JobTimelineFold}: queued (from the
 * request to RUNNING), query (RUNNING to the engine's last row), publish (the rest of the result onto Kafka, to
 * QUERY_FINISHED) and delivery (QUERY_FINISHED to DELIVERED or DELIVERY_FAILED, retries included). Null for a
 * moment not reached.
 *
 * @param hasDestination whether the job's result goes to a destination, so has a delivery stage
 * @param endedAt        when the job ended in any way (success, error, killed)
 */
public record JobTimeline(boolean hasDestination, Instant queuedAt, Instant runningAt, Instant queryEndedAt,
                          Instant queryFinishedAt, Instant deliveryEndedAt, Instant endedAt) {

    public static final String QUEUED = "queued";
    public static final String QUERY = "query";
    public static final String PUBLISH = "publish";
    public static final String DELIVERY = "delivery";

    /**
     * The duration of each stage the job reached, in order; a stage still under way lasts until {@code now}, one
     * cut short by the job's end (a failed query, a kill) until the end.
     */
    public Map<String, Duration> stages(Instant now) {
        Instant until = endedAt == null ? now : endedAt;
        Map<String, Duration> stages = new LinkedHashMap<>();
        if (queuedAt != null) {
            stages.put(QUEUED, between(queuedAt, runningAt != null ? runningAt : until));
        }
        if (runningAt != null) {
            stages.put(QUERY, between(runningAt, queryEndedAt != null ? queryEndedAt
                    : queryFinishedAt != null ? queryFinishedAt : until));
        }
        if (queryFinishedAt != null) {
            stages.put(PUBLISH, between(queryEndedAt != null ? queryEndedAt : queryFinishedAt, queryFinishedAt));
            if (hasDestination) {
                stages.put(DELIVERY, between(queryFinishedAt, deliveryEndedAt != null ? deliveryEndedAt : until));
            }
        }
        return stages;
    }

    private static Duration between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d; // clocks of different hosts
    }

    JobTimeline running(Instant at, boolean destination) {
        return new JobTimeline(destination, queuedAt, at, null, null, null, null);
    }

    JobTimeline queryFinished(Instant queryEnded, Instant at) {
        return new JobTimeline(hasDestination, queuedAt, runningAt, queryEnded, at, null, hasDestination ? null : at);
    }

    JobTimeline deliveryEnded(Instant at) {
        return new JobTimeline(hasDestination, queuedAt, runningAt, queryEndedAt, queryFinishedAt, at, at);
    }

    JobTimeline ended(Instant at) {
        return new JobTimeline(hasDestination, queuedAt, runningAt, queryEndedAt, queryFinishedAt, deliveryEndedAt, at);
    }
}
