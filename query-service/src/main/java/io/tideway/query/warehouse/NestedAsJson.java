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
 * @param sql     the SQL to execute
 * @param columns the result's columns when the SQL was rewritten, else null (read them from the result)
 */
record NestedAsJson(String sql, List<Column> columns) {

    static NestedAsJson plan(Connection c, String query) {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ResultSetMetaData md = ps.getMetaData();
            if (md == null || md.getColumnCount() == 0 || !hasNested(md)) {
                return new NestedAsJson(query, null);
            }
            return new NestedAsJson(wrap(query, md), DuckDbWarehouse.columns(md));
        } catch (SQLException | RuntimeException e) {
            return new NestedAsJson(query, null);
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

    private static String wrap(String query, ResultSetMetaData md) throws SQLException {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 1; i <= md.getColumnCount(); i++) {
            select.append(i > 1 ? ", " : "");
            String column = "#" + i;
            select.append(isNested(md.getColumnTypeName(i)) ? "to_json(" + column + ")::VARCHAR" : column)
                    .append(" AS ").append(DuckDbWarehouse.quote(md.getColumnLabel(i)));
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
