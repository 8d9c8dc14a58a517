package io.tideway.scheduling;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.cronutils.model.CronType;
import com.cronutils.model.Cron;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a five-field cron expression with cron-utils (Unix crontab semantics) and turns its errors into sentences
 * that name the field and say why, e.g. "minute field '61' is out of range 0-59".
 */
final class CronFields {

    static final List<String> NAMES = List.of("minute", "hour", "day-of-month", "month", "day-of-week");
    private static final List<String> RANGES = List.of("0-59", "0-23", "1-31", "1-12 (or JAN-DEC)",
            "0-7 (or SUN-SAT; 0 and 7 are Sunday)");
    static final Map<String, String> NICKNAMES = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
    private static final Pattern OUT_OF_RANGE = Pattern.compile("Value (\\S+) not in range");
    private static final Pattern BAD_STEP = Pattern.compile("Period (\\S+) not in range");
    private static final Pattern BACKWARDS = Pattern.compile("Invalid range! \\[(\\S+),(\\S+)]");

    private CronFields() {
    }

    /** The five fields of {@code cron} (a nickname replaced by its fields), or an error naming the problem. */
    static String[] split(String cron) {
        String expanded = NICKNAMES.get(cron.toLowerCase(Locale.ROOT));
        if (expanded == null && cron.startsWith("@")) {
            throw new InvalidScheduleException("cron", "Unknown cron nickname '" + cron + "': use @hourly, @daily, "
                    + "@weekly, @monthly or @yearly (@annually, @midnight), or five fields");
        }
        String[] fields = (expanded == null ? cron : expanded).trim().split("\\s+");
        if (fields.length != 5) {
            throw new InvalidScheduleException("cron", "Cron '" + cron + "' has " + fields.length + " field"
                    + (fields.length == 1 ? "" : "s") + "; it needs five (minute hour day-of-month month "
                    + "day-of-week, e.g. '0 * * * *') or a nickname such as @hourly or @daily");
        }
        return fields;
    }

    /** Parses the five fields; a field the library refuses is named with the library's reason, rephrased. */
    static Cron parse(String[] fields) {
        try {
            return parser().parse(String.join(" ", fields));
        } catch (IllegalArgumentException e) {
            for (int i = 0; i < fields.length; i++) {
                String reason = fieldError(fields, i);
                if (reason != null) {
                    throw new InvalidScheduleException(NAMES.get(i), reason);
                }
            }
            throw new InvalidScheduleException("cron", "Cron '" + String.join(" ", fields) + "' is invalid: "
                    + e.getMessage());
        }
    }

    private static CronParser parser() {
        return new CronParser(UNIX);
    }

    /** Why field {@code i} alone is invalid (the others replaced by *), or null if it parses. */
    private static String fieldError(String[] fields, int i) {
        String[] probe = {"*", "*", "*", "*", "*"};
        probe[i] = fields[i];
        try {
            parser().parse(String.join(" ", probe));
            return null;
        } catch (IllegalArgumentException e) {
            return explain(NAMES.get(i), fields[i], RANGES.get(i), String.valueOf(e.getMessage()));
        }
    }

    private static String explain(String name, String text, String range, String message) {
        String field = name + " field '" + text + "'";
        Matcher m = OUT_OF_RANGE.matcher(message);
        if (m.find()) {
            return field + " is out of range " + range + (m.group(1).equals(text) ? "" : " (" + m.group(1) + " is not)");
        }
        m = BAD_STEP.matcher(message);
        if (m.find()) {
            return field + " has step " + m.group(1) + "; a step (*/n) must be at least 1 and within " + range;
        }
        m = BACKWARDS.matcher(message);
        if (m.find()) {
            return field + " is a range that runs backwards (" + m.group(1) + "-" + m.group(2)
                    + "); write the smaller value first";
        }
        if (message.contains("Negative numbers")) {
            return field + " has a negative number; values are " + range;
        }
        return field + " is not a value, range (1-5), list (1,3,5), step (*/15) or * within " + range;
    }
}
