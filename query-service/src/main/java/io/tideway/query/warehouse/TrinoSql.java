package io.tideway.query.warehouse;

import java.time.Instant;
import java.util.Locale;

/**
 * SQL text for Trino: quoted identifiers, literals of imported values, and {@code TD_SCHEDULED_TIME()}. Trino has
 * no per-session functions (DuckDB's temporary macro), so each call of {@code TD_SCHEDULED_TIME()} in the query is
 * rewritten to a BIGINT literal of the job's scheduled time before the query is sent; calls inside string literals,
 * quoted identifiers and comments are left alone.
 */
final class TrinoSql {

    private static final String FUNCTION = "td_scheduled_time";

    private TrinoSql() {
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A literal of an imported value: null, Long, Double, Boolean or String (anything else as its text). */
    static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Long l) {
            return l.toString();
        }
        if (value instanceof Double d) {
            if (d.isNaN()) {
                return "nan()";
            }
            if (d.isInfinite()) {
                return d > 0 ? "infinity()" : "-infinity()";
            }
            return "DOUBLE '" + d + "'";
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }

    /** The Trino type of a staged column. */
    static String type(ColumnType type) {
        return switch (type) {
            case BIGINT -> "bigint";
            case DOUBLE -> "double";
            case BOOLEAN -> "boolean";
            case VARCHAR -> "varchar";
        };
    }

    /**
     * Whether a Trino column type takes staged values of {@code type}: Trino's names brought to the DuckDB names
     * {@link ColumnType#fitsInto} knows ({@code varchar(10)} is a VARCHAR, {@code real} a FLOAT).
     */
    static boolean fits(ColumnType type, String trinoType) {
        String t = trinoType.strip().toUpperCase(Locale.ROOT);
        int paren = t.indexOf('(');
        String base = paren < 0 ? t : t.substring(0, paren).strip();
        if (base.equals("REAL")) {
            base = "FLOAT";
        }
        if (base.equals("DECIMAL")) {
            return type.fitsInto(t);
        }
        return type.fitsInto(base);
    }

    /** {@code sql} with every call of {@code TD_SCHEDULED_TIME()} replaced by the scheduled time in unix seconds. */
    static String withScheduledTime(String sql, Instant scheduledTime) {
        if (scheduledTime == null || !sql.toLowerCase(Locale.ROOT).contains(FUNCTION)) {
            return sql;
        }
        String literal = "CAST(" + scheduledTime.getEpochSecond() + " AS BIGINT)";
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = closing(sql, i, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (isWordStart(c) && (i == 0 || !isWordPart(sql.charAt(i - 1)))) {
                int end = i;
                while (end < n && isWordPart(sql.charAt(end))) {
                    end++;
                }
                int call = callEnd(sql, end);
                if (sql.substring(i, end).equalsIgnoreCase(FUNCTION) && call > 0) {
                    out.append(literal);
                    i = call;
                } else {
                    out.append(sql, i, end);
                    i = end;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The index after the quote closing the one at {@code start} (a doubled quote is part of the text). */
    private static int closing(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** After a name ending at {@code from}: the index after {@code ( )} with only blanks around, or -1. */
    private static int callEnd(String sql, int from) {
        int i = skipBlanks(sql, from);
        if (i >= sql.length() || sql.charAt(i) != '(') {
            return -1;
        }
        i = skipBlanks(sql, i + 1);
        return i < sql.length() && sql.charAt(i) == ')' ? i + 1 : -1;
    }

    private static int skipBlanks(String sql, int from) {
        int i = from;
        while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
