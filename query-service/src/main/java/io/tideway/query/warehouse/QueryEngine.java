package io.tideway.query.warehouse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The warehouse a query runs in. The embedded default is {@link DuckDbWarehouse}; a deployment that outgrows one
 * machine configures {@link TrinoWarehouse} (Trino over JDBC) instead, and nothing else changes. Imports and
 * td:// deliveries change tables through {@link TableStore}, which both engines implement.
 */
public interface QueryEngine {

    /** Databases visible to queries, by name. */
    List<DatabaseInfo> databases();

    Optional<DatabaseInfo> database(String name);

    /** Whether the database exists; cheaper than {@link #database}, which counts the rows of every table. */
    default boolean databaseExists(String name) {
        return database(name).isPresent();
    }

    /** Tables of a database, with row counts and columns; empty when the database has none. */
    List<TableInfo> tables(String database);

    /** One table with its row count and columns; empty when it does not exist. */
    default Optional<TableInfo> table(String database, String table) {
        return tables(database).stream().filter(t -> t.name().equals(table)).findFirst();
    }

    /**
     * Runs {@code sql} with unqualified names resolving in {@code database}, streaming the result into the sink
     * without holding it in memory.
     *
     * @throws QueryFailedException when the engine refuses or fails the query, with the engine's message
     */
    void run(String database, String sql, RowSink sink) throws QueryFailedException;

    /**
     * Runs {@code sql} as {@link #run(String, String, RowSink)} does, with {@code TD_SCHEDULED_TIME()} returning
     * {@code scheduledTime} in unix seconds (a bigint).
     */
    void run(String database, String sql, Instant scheduledTime, RowSink sink) throws QueryFailedException;

    /** Whether the engine answers; for health checks. */
    boolean isOpen();
}
