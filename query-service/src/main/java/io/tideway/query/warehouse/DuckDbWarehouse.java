package io.tideway.query.warehouse;

import io.tideway.query.config.QuerySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse of one account: a DuckDB database file of its own, opened as its own DuckDB instance, so that a
 * query of one account cannot name another account's tables; file system access from SQL (ATTACH, read_csv, COPY)
 * is switched off for the same reason. A Treasure Data database is a DuckDB schema; DuckDB's own schemas (main,
 * information_schema, pg_catalog) are not listed, and {@code main} holds this service's bookkeeping (imported ids,
 * bulk-import sessions and their staged parts). Each query runs on its own duplicate of the one open connection,
 * with results streamed rather than materialized; changes run one at a time ({@link #transaction}).
 */
public class DuckDbWarehouse implements QueryEngine, AutoCloseable {

    /** The file of account 1, the one the service always had. */
    public static final String FILE_NAME = "warehouse.duckdb";
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbWarehouse.class);
    private static final Set<String> HIDDEN_SCHEMAS = Set.of("main", "information_schema", "pg_catalog", "temp");
    private static final int FETCH_SIZE = 2048;

    private final DuckDBConnection connection;
    private final Path file;
    private final ReentrantLock writeLock = new ReentrantLock();

    /** The warehouse of account 1 in the configured data directory. */
    public DuckDbWarehouse(QuerySettings settings) {
        this(settings.dataDir().resolve(FILE_NAME), settings.seedSampleData());
    }

    public DuckDbWarehouse(Path file, boolean seedSampleData) {
        this.file = file;
        this.connection = open(file);
        Bookkeeping.ensure(this);
        if (seedSampleData) {
            SampleData.ensure(this);
        }
    }

    private static DuckDBConnection open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Properties props = new Properties();
            props.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
            DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, props);
            try (Statement st = connection.createStatement()) {
                st.execute("SET enable_external_access = false");
            }
            LOG.info("Warehouse open: {}", file);
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + file.getParent(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the DuckDB warehouse " + file + ": " + e.getMessage(), e);
        }
    }

    /** A connection of its own, for one caller at a time; close it when done. */
    DuckDBConnection connect() throws SQLException {
        return (DuckDBConnection) connection.duplicate();
    }

    /**
     * Runs {@code work} in one DuckDB transaction, after every other change of this warehouse has finished (DuckDB
     * would refuse two transactions changing the same catalog entries at once); readers are not held up.
     */
    <T> T transaction(String what, SqlFunction<T> work) {
        try (DuckDBConnection c = connect()) {
            return transaction(what, c, work);
        } catch (SQLException e) {
            throw new IllegalStateException("Warehouse failed " + what + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #transaction(String, SqlFunction)}, on a connection of the caller's (one holding staged rows). */
    <T> T transaction(String what, DuckDBConnection c, SqlFunction<T> work) {
        writeLock.lock();
        try {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Warehouse failed " + what + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on a connection of its own, outside any transaction of others. */
    <T> T withConnection(String what, SqlFunction<T> work) {
        try (DuckDBConnection c = connect()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Warehouse failed " + what + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
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
        return schemaNames().contains(name);
    }

    private List<String> schemaNames() {
        return strings("SELECT schema_name FROM information_schema.schemata WHERE catalog_name = current_database() "
                + "ORDER BY schema_name").stream().filter(s -> !HIDDEN_SCHEMAS.contains(s)).toList();
    }

    @Override
    public List<TableInfo> tables(String database) {
        List<TableInfo> out = new ArrayList<>();
        for (String table : strings("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                + "AND schema_name = ? ORDER BY table_name", database)) {
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

    private List<Column> columns(String database, String table) {
        List<Column> columns = new ArrayList<>();
        withConnection("listing the columns of " + database + "." + table, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM duckdb_columns() "
                    + "WHERE database_name = current_database() AND schema_name = ? AND table_name = ? ORDER BY column_index")) {
                ps.setString(1, database);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.add(new Column(rs.getString(1), TdTypes.fromDuckDb(rs.getString(2))));
                    }
                }
            }
        });
        return columns;
    }

    private long rowCount(String database, String table) {
        return withConnection("counting the rows of " + database + "." + table,
                (DuckDBConnection c) -> CatalogQueries.count(c, quote(database) + "." + quote(table)));
    }

    @Override
    public void run(String database, String sql, RowSink sink) throws QueryFailedException {
        run(database, sql, null, sink);
    }

    /** {@code TD_SCHEDULED_TIME()} is a temporary macro of the query's own connection, so jobs never see another's. */
    @Override
    public void run(String database, String sql, Instant scheduledTime, RowSink sink) throws QueryFailedException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("SET search_path = '" + database.replace("'", "''") + "'");
            if (scheduledTime != null) {
                st.execute("CREATE OR REPLACE TEMP MACRO td_scheduled_time() AS CAST("
                        + scheduledTime.getEpochSecond() + " AS BIGINT)");
            }
            st.setFetchSize(FETCH_SIZE);
            boolean utf8 = sink instanceof Utf8StringSink u && u.takesUtf8Strings();
            NestedAsJson nested = NestedAsJson.plan(c, sql, utf8);
            if (st.execute(nested.sql())) {
                try (ResultSet rs = st.getResultSet()) {
                    stream(rs, nested.columns(), nested.utf8Columns(), sink);
                }
            } else {
                sink.columns(List.of());
            }
        } catch (SQLException e) {
            throw new QueryFailedException(e.getMessage(), e);
        }
    }

    /**
     * Streams the rows; {@code planned} are the columns as the user's query types them, when it was rewritten, and
     * {@code utf8Columns} those it has DuckDB hand over as UTF-8 bytes (for a {@link Utf8StringSink}). Each
     * column is read with the getter of its DuckDB type ({@link CellReader}), so the common types cost no
     * {@code getObject} conversion.
     */
    private static void stream(ResultSet rs, List<Column> planned, boolean[] utf8Columns, RowSink sink)
            throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<Column> columns = planned == null ? columns(md) : planned;
        int n = columns.size();
        CellReader reader = CellReader.of(md, utf8Columns);
        sink.columns(columns);
        while (rs.next()) {
            Object[] row = new Object[n];
            reader.read(rs, row);
            sink.row(Arrays.asList(row));
        }
    }

    static List<Column> columns(ResultSetMetaData md) throws SQLException {
        List<Column> columns = new ArrayList<>(md.getColumnCount());
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(new Column(md.getColumnLabel(i), TdTypes.fromDuckDb(md.getColumnTypeName(i))));
        }
        return columns;
    }

    @Override
    public boolean isOpen() {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    /** Runs statements that change the warehouse, in one transaction. */
    void update(String what, List<String> statements) {
        transaction(what, c -> {
            try (Statement st = c.createStatement()) {
                for (String sql : statements) {
                    st.execute(sql);
                }
            }
            return null;
        });
    }

    /** Whether a database name is one of DuckDB's own schemas, which are not databases of the API. */
    static boolean isReserved(String database) {
        return HIDDEN_SCHEMAS.contains(database);
    }

    public boolean tableExists(String database, String table) {
        return !strings("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                + "AND schema_name = ? AND table_name = ?", database, table).isEmpty();
    }

    private List<String> strings(String sql, String... params) {
        return withConnection("reading the catalog", (DuckDBConnection c) -> CatalogQueries.strings(c, sql, params));
    }

    private void withConnection(String what, SqlWork work) {
        try (Connection c = connect()) {
            work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Warehouse failed " + what + ": " + e.getMessage(), e);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        try {
            connection.close();
            LOG.info("Warehouse closed: {}", file);
        } catch (SQLException e) {
            LOG.warn("Closing the warehouse {} failed: {}", file, e.getMessage());
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    /** Work on a warehouse connection. */
    @FunctionalInterface
    interface SqlFunction<T> {
        T apply(DuckDBConnection c) throws SQLException;
    }
}
