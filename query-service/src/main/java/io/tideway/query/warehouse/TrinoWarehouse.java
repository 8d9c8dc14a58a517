package io.tideway.query.warehouse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The warehouse of one account on a Trino cluster: the account's Trino catalog, in which a Treasure Data database
 * is a Trino schema. Queries run with that schema as the session schema, their results streamed as Trino pages
 * them. Tables are changed by {@link TrinoTableWriter}; the bookkeeping of imports stays in the account's DuckDB
 * file (see {@link TableStore}).
 */
final class TrinoWarehouse implements QueryEngine, TableStore {

    private static final String INFORMATION_SCHEMA = "information_schema";

    private final TrinoConnector connector;
    private final TrinoTableWriter writer;

    TrinoWarehouse(TrinoConnector connector, int insertRows) {
        this.connector = connector;
        this.writer = new TrinoTableWriter(connector, insertRows);
    }

    @Override
    public List<DatabaseInfo> databases() {
        List<DatabaseInfo> out = new ArrayList<>();
        for (String schema : schemaNames()) {
            out.add(new DatabaseInfo(schema, tables(schema).stream().mapToLong(TableInfo::rowCount).sum()));
        }
        return out;
    }

    @Override
    public Optional<DatabaseInfo> database(String name) {
        return schemaNames().contains(name)
                ? Optional.of(new DatabaseInfo(name, tables(name).stream().mapToLong(TableInfo::rowCount).sum()))
                : Optional.empty();
    }

    @Override
    public boolean databaseExists(String name) {
        return !isReserved(name) && !strings("SELECT schema_name FROM information_schema.schemata "
                + "WHERE schema_name = ?", name).isEmpty();
    }

    private List<String> schemaNames() {
        return strings("SELECT schema_name FROM information_schema.schemata ORDER BY schema_name").stream()
                .filter(s -> !isReserved(s)).toList();
    }

    @Override
    public List<TableInfo> tables(String database) {
        List<TableInfo> out = new ArrayList<>();
        for (String table : tableNames(database)) {
            out.add(new TableInfo(database, table, rowCount(database, table), columns(database, table)));
        }
        return out;
    }

    @Override
    public Optional<TableInfo> table(String database, String table) {
        return tableExists(database, table)
                ? Optional.of(new TableInfo(database, table, rowCount(database, table), columns(database, table)))
                : Optional.empty();
    }

    /** Tables of a schema, without the staging tables of imports in progress. */
    private List<String> tableNames(String database) {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_type = 'BASE TABLE' ORDER BY table_name", database).stream()
                .filter(t -> !TrinoTableWriter.isStaging(t)).toList();
    }

    @Override
    public boolean tableExists(String database, String table) {
        return !strings("SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
                database, table).isEmpty();
    }

    private List<Column> columns(String database, String table) {
        List<Column> columns = new ArrayList<>();
        withConnection("listing the columns of " + database + "." + table, c -> {
            for (String[] column : TrinoTableWriter.columns(c, database, table)) {
                columns.add(new Column(column[0], TdTypes.fromTrino(column[1])));
            }
        });
        return columns;
    }

    private long rowCount(String database, String table) {
        long[] count = new long[1];
        withConnection("counting the rows of " + database + "." + table,
                c -> count[0] = CatalogQueries.count(c, TrinoTableWriter.name(database, table)));
        return count[0];
    }

    @Override
    public void run(String database, String sql, RowSink sink) throws QueryFailedException {
        run(database, sql, null, sink);
    }

    /** {@code TD_SCHEDULED_TIME()} becomes a literal of the scheduled time ({@link TrinoSql#withScheduledTime}). */
    @Override
    public void run(String database, String sql, Instant scheduledTime, RowSink sink) throws QueryFailedException {
        try (Connection c = connector.connect(database); Statement st = c.createStatement()) {
            if (st.execute(TrinoSql.withScheduledTime(sql, scheduledTime))) {
                try (ResultSet rs = st.getResultSet()) {
                    List<Column> columns = new ArrayList<>();
                    var md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        columns.add(new Column(md.getColumnLabel(i), TdTypes.fromTrino(md.getColumnTypeName(i))));
                    }
                    TrinoCells cells = TrinoCells.of(md);
                    sink.columns(columns);
                    while (rs.next()) {
                        sink.row(cells.read(rs));
                    }
                }
            } else {
                sink.columns(List.of());
            }
        } catch (SQLException e) {
            throw new QueryFailedException(e.getMessage(), e);
        }
    }

    @Override
    public boolean isOpen() {
        try (Connection c = connector.connect(null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public boolean isReserved(String database) {
        return database.equals(INFORMATION_SCHEMA);
    }

    @Override
    public void createDatabase(Connection bookkeeping, String database) throws SQLException {
        writer.execute("CREATE SCHEMA " + TrinoSql.quote(database));
    }

    @Override
    public void dropDatabase(Connection bookkeeping, String database) throws SQLException {
        writer.execute("DROP SCHEMA " + TrinoSql.quote(database) + " CASCADE");
    }

    @Override
    public void createTable(Connection bookkeeping, String database, String table) throws SQLException {
        writer.execute("CREATE TABLE " + TrinoTableWriter.name(database, table) + " (time bigint)");
    }

    @Override
    public void dropTable(Connection bookkeeping, String database, String table) throws SQLException {
        writer.execute("DROP TABLE " + TrinoTableWriter.name(database, table));
    }

    @Override
    public void renameTable(Connection bookkeeping, String database, String from, String to) throws SQLException {
        writer.rename(database, from, to);
    }

    @Override
    public void append(Connection bookkeeping, String database, String table, Stage stage) throws SQLException {
        writer.append(database, table, stage);
    }

    @Override
    public void replace(Connection bookkeeping, String database, String table, Stage stage) throws SQLException {
        writer.replace(database, table, stage);
    }

    private List<String> strings(String sql, String... params) {
        List<String> out = new ArrayList<>();
        withConnection("reading the catalog", c -> out.addAll(CatalogQueries.strings(c, sql, params)));
        return out;
    }

    private void withConnection(String what, SqlWork work) {
        try (Connection c = connector.connect(null)) {
            work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Trino failed " + what + " in catalog " + connector.catalog() + ": "
                    + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }
}
