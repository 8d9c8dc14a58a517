package io.tideway.query.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves staged rows into a Trino table. Trino has no transaction spanning several statements on most connectors,
 * so the rows first go into a staging table of their own in the target's schema ({@code tideway_stage_...}, left out
 * of table listings), in INSERT statements of at most {@code insertRows} rows; then one statement makes them part
 * of the target:
 * <ul>
 *   <li>append: {@code INSERT INTO target SELECT ... FROM staging}, which a reader sees whole or not at all (on
 *       connectors whose INSERT is atomic: memory, Hive, Iceberg, Delta Lake). Columns the target lacks are added
 *       first; a missing target is the staging table renamed.</li>
 *   <li>replace: {@code DROP TABLE target} then {@code ALTER TABLE staging RENAME TO target}. Between the two
 *       statements the table does not exist: a query in that moment fails with "table not found" instead of seeing
 *       a mix of old and new rows. Trino offers nothing atomic for this on every connector.</li>
 * </ul>
 * Staging tables are dropped when done, also after a failure; one left by a process killed midway is invisible to
 * listings and dropped by hand (their names say what they are).
 */
final class TrinoTableWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TrinoTableWriter.class);
    private static final String STAGING_PREFIX = "tideway_stage_";
    /** Trino refuses statements over 1,000,000 characters by default (query.max-length): stay well below. */
    private static final int MAX_STATEMENT_CHARS = 500_000;

    private final TrinoConnector connector;
    private final int insertRows;

    TrinoTableWriter(TrinoConnector connector, int insertRows) {
        this.connector = connector;
        this.insertRows = insertRows;
    }

    static boolean isStaging(String table) {
        return table.startsWith(STAGING_PREFIX);
    }

    static String name(String database, String table) {
        return TrinoSql.quote(database) + "." + TrinoSql.quote(table);
    }

    void append(String database, String table, Stage stage) throws SQLException {
        try (Connection c = connector.connect(null)) {
            Map<String, String> existing = new LinkedHashMap<>();
            for (String[] column : columns(c, database, table)) {
                existing.put(column[0].toLowerCase(Locale.ROOT), column[1]);
            }
            if (existing.isEmpty()) {
                create(c, database, table, stage);
                return;
            }
            Map<String, ColumnType> staged = stage.columns();
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, ColumnType> column : staged.entrySet()) {
                String type = existing.get(column.getKey().toLowerCase(Locale.ROOT));
                if (type == null) {
                    missing.add(column.getKey());
                } else if (!TrinoSql.fits(column.getValue(), type)) {
                    throw new WarehouseException(WarehouseException.Kind.TYPE_CONFLICT, "Column '" + column.getKey()
                            + "' of " + database + "." + table + " is " + type + " and cannot take the imported "
                            + column.getValue().valueName() + " (" + TrinoSql.type(column.getValue()) + ")");
                }
            }
            if (staged.isEmpty()) {
                return;
            }
            String staging = stagingName();
            try {
                stage(c, database, staging, stage);
                for (String column : missing) {
                    execute(c, "ALTER TABLE " + name(database, table) + " ADD COLUMN " + TrinoSql.quote(column) + " "
                            + TrinoSql.type(staged.get(column)));
                }
                // Trino casts nothing implicitly on INSERT (DuckDB does): a varchar column takes imported numbers
                // only through an explicit cast to its type.
                List<String> targets = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (Map.Entry<String, ColumnType> column : staged.entrySet()) {
                    String key = column.getKey().toLowerCase(Locale.ROOT);
                    String type = existing.getOrDefault(key, TrinoSql.type(column.getValue()));
                    targets.add(TrinoSql.quote(key));
                    values.add("CAST(" + TrinoSql.quote(key) + " AS " + type + ")");
                }
                execute(c, "INSERT INTO " + name(database, table) + " (" + String.join(", ", targets) + ") SELECT "
                        + String.join(", ", values) + " FROM " + name(database, staging));
            } finally {
                dropQuietly(c, database, staging);
            }
        }
    }

    void replace(String database, String table, Stage stage) throws SQLException {
        try (Connection c = connector.connect(null)) {
            String staging = stagingName();
            try {
                if (stage.columns().isEmpty() && !columns(c, database, table).isEmpty()) {
                    execute(c, "CREATE TABLE " + name(database, staging) + " AS SELECT * FROM " + name(database, table)
                            + " WITH NO DATA");
                } else {
                    stage(c, database, staging, stage);
                }
                execute(c, "DROP TABLE IF EXISTS " + name(database, table));
                rename(c, database, staging, table);
            } finally {
                dropQuietly(c, database, staging);
            }
        }
    }

    void rename(String database, String from, String to) throws SQLException {
        try (Connection c = connector.connect(null)) {
            rename(c, database, from, to);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connector.connect(null)) {
            execute(c, sql);
        }
    }

    /** A missing table gets the staged rows under its name, whole; one without staged columns a time column. */
    private void create(Connection c, String database, String table, Stage stage) throws SQLException {
        String staging = stagingName();
        try {
            stage(c, database, staging, stage);
            rename(c, database, staging, table);
        } finally {
            dropQuietly(c, database, staging);
        }
    }

    /** Creates {@code staging} with the staged columns (or a time column) and inserts every staged row. */
    private void stage(Connection c, String database, String staging, Stage stage) throws SQLException {
        Map<String, ColumnType> columns = stage.columns();
        List<String> definitions = new ArrayList<>();
        columns.forEach((name, type) -> definitions.add(TrinoSql.quote(name) + " " + TrinoSql.type(type)));
        if (definitions.isEmpty()) {
            definitions.add("time bigint");
        }
        execute(c, "CREATE TABLE " + name(database, staging) + " (" + String.join(", ", definitions) + ")");
        if (columns.isEmpty()) {
            return;
        }
        String insert = "INSERT INTO " + name(database, staging) + " VALUES ";
        StringBuilder sql = new StringBuilder(insert);
        int[] rows = new int[1];
        stage.forEachRow(row -> {
            sql.append(rows[0] > 0 ? ", (" : "(");
            for (int i = 0; i < row.length; i++) {
                sql.append(i > 0 ? ", " : "").append(TrinoSql.literal(row[i]));
            }
            sql.append(')');
            if (++rows[0] >= insertRows || sql.length() >= MAX_STATEMENT_CHARS) {
                execute(c, sql.toString());
                sql.setLength(0);
                sql.append(insert);
                rows[0] = 0;
            }
        });
        if (rows[0] > 0) {
            execute(c, sql.toString());
        }
    }

    /** Columns of a table in order as {name, Trino type}; empty when the table does not exist. */
    static List<String[]> columns(Connection c, String database, String table) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return out;
    }

    private static void rename(Connection c, String database, String from, String to) throws SQLException {
        execute(c, "ALTER TABLE " + name(database, from) + " RENAME TO " + name(database, to));
    }

    private static String stagingName() {
        return STAGING_PREFIX + UUID.randomUUID().toString().replace("-", "");
    }

    private static void dropQuietly(Connection c, String database, String staging) {
        try {
            execute(c, "DROP TABLE IF EXISTS " + name(database, staging));
        } catch (SQLException e) {
            LOG.warn("Could not drop the staging table {}.{}: {}", database, staging, e.getMessage());
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
