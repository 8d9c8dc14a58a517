package io.tideway.query.schedules;

/**
 * The fields of a schedule a caller gives, as text exactly as given; null where not given. On create the missing
 * ones take their defaults, on update they stay as they were.
 *
 * @param name   on update: the new name (a rename)
 * @param result a result URL, a saved result {@code NAME} or {@code NAME:path}, or empty for none
 */
public record ScheduleChanges(String name, String cron, String query, String database, String type, String result,
                              String timezone, String delay, String priority, String retryLimit) {

    @Override
    public String toString() {
        return "ScheduleChanges[name=" + name + ", cron=" + cron + ", database=" + database + "]";
    }
}
