package io.tideway.scheduling;

/**
 * A schedule that cannot be accepted, with the part that is wrong ({@link #part()}: {@code minute}, {@code hour},
 * {@code day-of-month}, {@code month}, {@code day-of-week}, {@code cron}, {@code timezone}, {@code delay} or
 * {@code name}) and a message a user can act on, e.g. "minute field '61' is out of range 0-59".
 */
public class InvalidScheduleException extends IllegalArgumentException {

    private final String part;

    public InvalidScheduleException(String part, String message) {
        super(message);
        this.part = part;
    }

    /** Which part of the schedule is wrong. */
    public String part() {
        return part;
    }
}
