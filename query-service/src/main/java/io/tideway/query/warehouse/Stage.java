package io.tideway.query.warehouse;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Imported records on their way into a table: a temporary table of the connection that stages them, filled with
 * DuckDB's Appender, that gains a column (or widens one, see {@link ColumnType}) whenever a record needs it.
 * Column names match case-insensitively, as DuckDB's do; the first spelling seen is kept. A column that only ever
 * holds nil is not staged. Nothing here is visible to anyone else; {@link TableWriter} moves the rows into a table
 * in the caller's transaction.
 */
final class Stage implements AutoCloseable {

    /** Row order of the import, staged alongside the values; not a column of the target. */
    static final String ROW = "tideway_row__";

    private final DuckDBConnection connection;
    private final String table = "tideway_stage_" + UUID.randomUUID().toString().replace("-", "");
    private final Map<String, StagedColumn> columns = new LinkedHashMap<>();
    private DuckDBAppender appender;
    private long rows;

    Stage(DuckDBConnection connection) throws SQLException {
        this.connection = connection;
        execute("CREATE TEMP TABLE " + table + " (" + ROW + " BIGINT)");
    }

    /** The qualified name to select the staged rows from. */
    String table() {
        return "temp.main." + table;
    }

    void add(Map<String, Object> record) throws SQLException {
        List<String> changes = new ArrayList<>();
        Map<String, Object> byKey = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : record.entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            byKey.put(key, e.getValue());
            if (e.getValue() != null) {
                plan(e.getKey(), key, ColumnType.of(e.getValue()), changes);
            }
        }
        if (!changes.isEmpty()) {
            closeAppender();
            for (String sql : changes) {
                execute(sql);
            }
        }
        append(byKey);
    }

    private void plan(String name, String key, ColumnType type, List<String> changes) {
        if (key.isEmpty() || key.equals(ROW)) {
            throw WarehouseException.invalid("Record " + (rows + 1) + " has a column named '" + name
                    + "', which cannot be imported");
        }
        StagedColumn column = columns.get(key);
        if (column == null) {
            columns.put(key, new StagedColumn(name, type));
            changes.add("ALTER TABLE " + table + " ADD COLUMN " + DuckDbWarehouse.quote(name) + " " + type);
        } else if (column.type != type && column.type.widen(type) != column.type) {
            column.type = column.type.widen(type);
            changes.add("ALTER TABLE " + table + " ALTER COLUMN " + DuckDbWarehouse.quote(column.name) + " TYPE "
                    + column.type);
        }
    }

    private void append(Map<String, Object> byKey) throws SQLException {
        if (appender == null) {
            appender = connection.createAppender("temp", "main", table);
        }
        appender.beginRow().append(rows++);
        for (Map.Entry<String, StagedColumn> c : columns.entrySet()) {
            Object value = byKey.get(c.getKey());
            if (value == null) {
                appender.appendNull();
            } else {
                switch (c.getValue().type) {
                    case BIGINT -> appender.append((long) (Long) value);
                    case DOUBLE -> appender.append(((Number) value).doubleValue());
                    case BOOLEAN -> appender.append((boolean) (Boolean) value);
                    case VARCHAR -> appender.append(value.toString());
                }
            }
        }
        appender.endRow();
    }

    /** Makes every staged row visible to statements of this connection. */
    void finish() throws SQLException {
        closeAppender();
    }

    long rows() {
        return rows;
    }

    /**
     * Reads the staged rows in import order, each as the values of {@link #columns()} in that order (null, Long,
     * Double, Boolean or String); for an engine that holds the table outside this DuckDB. Call after
     * {@link #finish()}.
     */
    void forEachRow(RowAction action) throws SQLException {
        if (columns.isEmpty()) {
            return;
        }
        List<String> quoted = columns.values().stream().map(c -> DuckDbWarehouse.quote(c.name)).toList();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + String.join(", ", quoted) + " FROM " + table()
                     + " ORDER BY " + ROW)) {
            int n = quoted.size();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                action.accept(row);
            }
        }
    }

    /** Takes one staged row. */
    @FunctionalInterface
    interface RowAction {
        void accept(Object[] row) throws SQLException;
    }

    /** The staged columns by name (first spelling seen), in order of appearance. */
    Map<String, ColumnType> columns() {
        Map<String, ColumnType> out = new LinkedHashMap<>();
        columns.values().forEach(c -> out.put(c.name, c.type));
        return out;
    }

    private void closeAppender() throws SQLException {
        if (appender != null) {
            appender.close();
            appender = null;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            closeAppender();
        } finally {
            execute("DROP TABLE IF EXISTS " + table());
        }
    }

    private static final class StagedColumn {
        private final String name;
        private ColumnType type;

        StagedColumn(String name, ColumnType type) {
            this.name = name;
            this.type = type;
        }
    }
}
