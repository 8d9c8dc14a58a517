package io.tideway.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Gives each imported row its {@code time} (unix seconds), as Treasure Data does: the {@code --time-value} when
 * given; else the {@code --time-column}'s value; else the row's own {@code time}; else the time of the import.
 * Time values may be unix seconds or text in {@link TimeText#FORMATS} (UTC when no zone is written).
 */
final class ImportTime {

    private final String column;
    private final Long fixed;
    private final long now;
    private final String file;

    ImportTime(String column, Long fixed, long now, String file) {
        this.column = column;
        this.fixed = fixed;
        this.now = now;
        this.file = file;
    }

    void apply(Map<String, Object> row, long line) {
        if (fixed != null) {
            row.put("time", fixed);
        } else if (column != null) {
            if (!row.containsKey(column)) {
                throw new BadLineException(file, line, "the record has no time column '" + column + "'");
            }
            row.put("time", seconds(row.get(column), column, line));
        } else if (row.containsKey("time")) {
            row.put("time", seconds(row.get("time"), "time", line));
        } else {
            row.put("time", now);
        }
    }

    private long seconds(Object value, String name, long line) {
        if (value instanceof Long seconds) {
            return seconds;
        }
        if (value instanceof Double seconds && Double.isFinite(seconds)) {
            return (long) Math.floor(seconds);
        }
        if (value instanceof String text) {
            if (text.strip().matches("-?\\d{1,18}")) {
                return Long.parseLong(text.strip());
            }
            TimeText time = TimeText.parse(text);
            if (time != null) {
                return time.in(ZoneOffset.UTC).getEpochSecond();
            }
        }
        throw new BadLineException(file, line, value == null ? "the time column '" + name + "' is empty"
                : "the time column '" + name + "' holds " + describe(value) + ", which is not a time ("
                        + TimeText.FORMATS + ")");
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }

    static long parseValue(String text) {
        TimeText time = TimeText.parse(text);
        if (time == null) {
            throw new IllegalArgumentException("--time-value '" + text + "' is not a time: give " + TimeText.FORMATS);
        }
        Instant instant = time.in(ZoneOffset.UTC);
        return instant.getEpochSecond();
    }
}
