package io.tideway.query.schedules;

/**
 * A schedule request refused before anything was published: what is wrong ({@link #field()}, e.g. {@code minute},
 * {@code timezone}, {@code delay}, {@code name}, {@code database}, {@code result}) and why, secrets masked.
 */
public class ScheduleException extends RuntimeException {

    /** Why, in the terms the API answers with. */
    public enum Reason { INVALID, NOT_FOUND, CONFLICT }

    private final Reason reason;
    private final String field;
    private final String conflictsWith;

    public ScheduleException(Reason reason, String field, String message) {
        this(reason, field, message, null);
    }

    public ScheduleException(Reason reason, String field, String message, String conflictsWith) {
        super(message);
        this.reason = reason;
        this.field = field;
        this.conflictsWith = conflictsWith;
    }

    public Reason reason() {
        return reason;
    }

    /** The parameter or cron field at fault, or null. */
    public String field() {
        return field;
    }

    /** For {@link Reason#CONFLICT}: the schedule name or job id that is in the way. */
    public String conflictsWith() {
        return conflictsWith;
    }

    static ScheduleException unknown(String name) {
        return new ScheduleException(Reason.NOT_FOUND, "name", "Schedule '" + name + "' does not exist");
    }
}
