package io.tideway.query.api;

import io.tideway.query.schedules.Schedules;
import io.tideway.scheduling.InvalidScheduleException;
import io.tideway.schemas.ScheduleDefinition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Schedules in Treasure Data's shape (td-client-java's TDSavedQuery, the Ruby client's schedule hash). */
final class ScheduleJson {

    private ScheduleJson() {
    }

    /**
     * The schedule object; {@code next_time} is its next schedule time after now (null without cron). {@code id} is
     * its creation time in milliseconds: stable across updates, new after a rename.
     */
    static Map<String, Object> schedule(ScheduleDefinition s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", String.valueOf(s.getCreatedAt().toEpochMilli()));
        m.put("name", s.getName());
        m.put("cron", s.getCron());
        m.put("type", s.getEngine());
        m.put("query", s.getQuery());
        m.put("timezone", s.getTimeZone());
        m.put("delay", s.getDelaySeconds());
        m.put("database", s.getDatabase());
        m.put("user_name", "");
        m.put("priority", s.getPriority());
        m.put("retry_limit", s.getRetryLimit());
        m.put("result", Schedules.describeResult(s));
        m.put("next_time", TdTime.format(nextTime(s, now)));
        m.put("created_at", TdTime.format(s.getCreatedAt()));
        m.put("engine_version", null);
        return m;
    }

    /** Null for a schedule without cron, and for one published by another system that does not parse. */
    private static Instant nextTime(ScheduleDefinition s, Instant now) {
        try {
            return Schedules.timing(s).nextTick(now).orElse(null);
        } catch (InvalidScheduleException e) {
            return null;
        }
    }

    /** The create answer: the schedule and {@code start}, its first schedule time after creation. */
    static Map<String, Object> created(ScheduleDefinition s) {
        Map<String, Object> m = schedule(s, s.getCreatedAt());
        m.put("start", m.get("next_time"));
        return m;
    }
}
