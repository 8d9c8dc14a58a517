package io.tideway.query.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Lets DuckDB write nested values (lists, maps, structs) as JSON text itself: reading them through JDBC objects
 * costs tens of microseconds per value, {@code to_json} a fraction of that. A query whose result has nested columns
 * is wrapped as {@code SELECT #1, to_json(#2)::VARCHAR, ... FROM (query)}; the column types stay those of the
 * query. Anything that cannot be prepared (several statements, DDL) runs as given.
 *
 * <p>With {@code utf8}, string columns (VARCHAR, and the JSON of nested ones) are also wrapped in {@code encode()},
 * so that they arrive as the bytes of their UTF-8 (a BLOB to JDBC) instead of being decoded into Strings, which is
 * most of the cost of reading a result through JDBC; {@link #utf8Columns} says which.
 *
 * @param sql         the SQL to execute
 * @param columns     the result's columns when the SQL was rewritten, else null (read them from the result)
 * @param utf8Columns per result column, whether it arrives as UTF-8 bytes; null when none does
 */
record NestedAsJson(String sql, List<Column> columns, boolean[] utf8Columns) {

    static NestedAsJson plan(Connection c, String query) {
        return plan(c, query, false);
    }

    static NestedAsJson plan(Connection c, String query, boolean utf8) {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ResultSetMetaData md = ps.getMetaData();
            if (md == null || md.getColumnCount() == 0) {
                return new NestedAsJson(query, null, null);
            }
            boolean[] utf8Columns = utf8 ? stringColumns(md) : null;
            if (utf8Columns != null) {
                NestedAsJson wrapped = new NestedAsJson(wrap(query, md, utf8Columns), DuckDbWarehouse.columns(md),
                        utf8Columns);
                if (prepares(c, wrapped.sql())) {
                    return wrapped;
                }
            }
            if (!hasNested(md)) {
                return new NestedAsJson(query, null, null);
            }
            return new NestedAsJson(wrap(query, md, null), DuckDbWarehouse.columns(md), null);
        } catch (SQLException | RuntimeException e) {
            return new NestedAsJson(query, null, null);
        }
    }

    /** The columns read as UTF-8 bytes: VARCHAR and nested ones; null when there are none. */
    private static boolean[] stringColumns(ResultSetMetaData md) throws SQLException {
        boolean[] strings = new boolean[md.getColumnCount()];
        boolean any = false;
        for (int i = 1; i <= strings.length; i++) {
            String type = md.getColumnTypeName(i);
            strings[i - 1] = type.equalsIgnoreCase("VARCHAR") || isNested(type);
            any |= strings[i - 1];
        }
        return any ? strings : null;
    }

    private static boolean prepares(Connection c, String sql) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasNested(ResultSetMetaData md) throws SQLException {
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (isNested(md.getColumnTypeName(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNested(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        return t.endsWith("]") || t.startsWith("MAP(") || t.startsWith("STRUCT(") || t.startsWith("UNION(");
    }

    private static String wrap(String query, ResultSetMetaData md, boolean[] utf8Columns) throws SQLException {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 1; i <= md.getColumnCount(); i++) {
            select.append(i > 1 ? ", " : "");
            String column = "#" + i;
            String value = isNested(md.getColumnTypeName(i)) ? "to_json(" + column + ")::VARCHAR" : column;
            if (utf8Columns != null && utf8Columns[i - 1]) {
                value = "encode(" + value + ")";
            }
            select.append(value).append(" AS ").append(DuckDbWarehouse.quote(md.getColumnLabel(i)));
        }
        return select.append(" FROM (\n").append(stripSemicolon(query)).append("\n) AS tideway_result").toString();
    }

    private static String stripSemicolon(String query) {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).strip();
        }
        return q;
    }
}
