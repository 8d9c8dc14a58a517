package io.tideway.query.warehouse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.duckdb.DuckDBConnection;

/**
 * Bulk import in Treasure Data's session shape, which the td-writer uses to deliver a job's result exactly once:
 * a session names its target table; parts (gzip-compressed msgpack maps) are staged durably in the warehouse's
 * bookkeeping tables, invisible in the target; the commit applies every part in one DuckDB transaction, append or
 * replace, and marks the session committed in that same transaction. Committing a committed session again changes
 * nothing, so a writer that dies between commit and its own bookkeeping can simply commit again. With Trino holding
 * the tables, the rows are written by Trino and the session is marked committed after that (see {@link TableStore}).
 */
public final class BulkImports {

    /** How a commit treats the rows the table already has. */
    public enum Mode { APPEND, REPLACE }

    /**
     * What a commit did.
     *
     * @param alreadyCommitted whether the session had been committed before, so nothing changed now
     */
    public record Commit(BulkImportSession session, boolean alreadyCommitted) {
    }

    private final DuckDbWarehouse warehouse;
    private final TableStore tables;
    private final Catalog catalog;

    public BulkImports(DuckDbWarehouse warehouse) {
        this(warehouse, new DuckDbTables(warehouse));
    }

    /** {@code bookkeeping} records what was imported; {@code tables} holds the rows. */
    BulkImports(DuckDbWarehouse bookkeeping, TableStore tables) {
        this.warehouse = bookkeeping;
        this.tables = tables;
        this.catalog = new Catalog(bookkeeping, tables);
    }

    /**
     * Opens a session for a table (created at commit if missing). A session that exists uncommitted for the same
     * table is kept with its parts: a redelivered job uploads the same parts under the same names, which replace
     * them, so a second writer delivering the same job at the same time cannot drop parts the first one relies
     * on. One that exists for another table starts over. A committed one is a conflict.
     */
    public BulkImportSession create(String session, String database, String table) {
        Names.requireSessionName("session", session);
        Names.require("database", database);
        Names.require("table", table);
        catalog.requireDatabase(database);
        return warehouse.transaction("opening bulk import " + session, c -> {
            Optional<BulkImportSession> existing = find(c, session);
            if (existing.isPresent() && existing.get().committed()) {
                throw WarehouseException.conflict("Bulk import session '" + session + "' is already committed",
                        session);
            }
            if (existing.isPresent() && existing.get().database().equals(database)
                    && existing.get().table().equals(table)) {
                return existing.get();
            }
            dropParts(c, session);
            update(c, "DELETE FROM " + Bookkeeping.SESSIONS + " WHERE name = ?", session);
            update(c, "INSERT INTO " + Bookkeeping.SESSIONS + " (name, database, table_name, status, created_at) "
                    + "VALUES (?, ?, ?, '" + BulkImportSession.UPLOADING + "', now())", session, database, table);
            return find(c, session).orElseThrow();
        });
    }

    /** Stages one part; a part of the same name is replaced. Returns the records it holds. */
    public long uploadPart(String session, String part, InputStream gzipBody) {
        Names.requireSessionName("part", part);
        requireUploading(session);
        byte[] body = readAll(gzipBody);
        long records = count(body);
        warehouse.transaction("staging part " + part + " of bulk import " + session, c -> {
            requireUploading(find(c, session), session);
            update(c, "DELETE FROM " + Bookkeeping.PARTS + " WHERE session = ? AND part = ?", session, part);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + Bookkeeping.PARTS
                    + " VALUES (?, ?, ?, ?, now())")) {
                ps.setString(1, session);
                ps.setString(2, part);
                ps.setLong(3, records);
                ps.setBytes(4, body);
                ps.executeUpdate();
            }
            return null;
        });
        return records;
    }

    /** Applies every staged part in one transaction, which also marks the session committed. */
    public Commit commit(String session, Mode mode) {
        BulkImportSession current = show(session);
        if (current.committed()) {
            return new Commit(current, true);
        }
        try (DuckDBConnection c = warehouse.connect(); Stage stage = new Stage(c)) {
            stageParts(c, session, stage);
            return warehouse.transaction("committing bulk import " + session, c, tx -> {
                BulkImportSession now = find(tx, session).orElseThrow(() -> notFound(session));
                if (now.committed()) {
                    return new Commit(now, true);
                }
                catalog.requireDatabase(now.database());
                if (mode == Mode.REPLACE) {
                    tables.replace(tx, now.database(), now.table(), stage);
                } else {
                    tables.append(tx, now.database(), now.table(), stage);
                }
                dropParts(tx, session);
                try (PreparedStatement ps = tx.prepareStatement("UPDATE " + Bookkeeping.SESSIONS + " SET status = '"
                        + BulkImportSession.COMMITTED + "', valid_records = ?, committed_at = now(), mode = ? "
                        + "WHERE name = ?")) {
                    ps.setLong(1, stage.rows());
                    ps.setString(2, mode.name().toLowerCase());
                    ps.setString(3, session);
                    ps.executeUpdate();
                }
                return new Commit(find(tx, session).orElseThrow(), false);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Warehouse failed committing bulk import " + session + ": "
                    + e.getMessage(), e);
        }
    }

    public BulkImportSession show(String session) {
        return warehouse.withConnection("reading bulk import " + session, c -> find(c, session))
                .orElseThrow(() -> notFound(session));
    }

    /**
     * Drops the staged parts. An uploading session goes with them; a committed one stays committed, so that a
     * writer's redelivery still finds it done.
     */
    public BulkImportSession delete(String session) {
        return warehouse.transaction("deleting bulk import " + session, c -> {
            BulkImportSession existing = find(c, session).orElseThrow(() -> notFound(session));
            dropParts(c, session);
            if (!existing.committed()) {
                update(c, "DELETE FROM " + Bookkeeping.SESSIONS + " WHERE name = ?", session);
            }
            return existing;
        });
    }

    private void stageParts(DuckDBConnection c, String session, Stage stage) throws SQLException {
        List<String> parts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT part FROM " + Bookkeeping.PARTS
                + " WHERE session = ? ORDER BY length(part), part")) {
            ps.setString(1, session);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parts.add(rs.getString(1));
                }
            }
        }
        for (String part : parts) {
            byte[] body;
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM " + Bookkeeping.PARTS
                    + " WHERE session = ? AND part = ?")) {
                ps.setString(1, session);
                ps.setString(2, part);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    body = rs.getBytes(1);
                }
            }
            try (MsgPackRecords records = new MsgPackRecords(new ByteArrayInputStream(body))) {
                for (var record = records.next(); record != null; record = records.next()) {
                    stage.add(record);
                }
            }
        }
        stage.finish();
    }

    private static long count(byte[] body) {
        try (MsgPackRecords records = new MsgPackRecords(new ByteArrayInputStream(body))) {
            while (records.next() != null) {
                // counting, and refusing a body that cannot be read before it is staged
            }
            return records.count();
        }
    }

    private void requireUploading(String session) {
        requireUploading(warehouse.withConnection("reading bulk import " + session, c -> find(c, session)), session);
    }

    private static void requireUploading(Optional<BulkImportSession> found, String session) {
        BulkImportSession s = found.orElseThrow(() -> notFound(session));
        if (s.committed()) {
            throw WarehouseException.conflict("Bulk import session '" + session + "' is already committed; "
                    + "its parts cannot change", session);
        }
    }

    private static Optional<BulkImportSession> find(Connection c, String session) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.name, s.database, s.table_name, s.status, "
                + "(SELECT count(*) FROM " + Bookkeeping.PARTS + " p WHERE p.session = s.name), "
                + "coalesce(s.valid_records, (SELECT sum(records) FROM " + Bookkeeping.PARTS
                + " p WHERE p.session = s.name), 0) FROM " + Bookkeeping.SESSIONS + " s WHERE s.name = ?")) {
            ps.setString(1, session);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new BulkImportSession(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getLong(5), rs.getLong(6)))
                        : Optional.empty();
            }
        }
    }

    private static void dropParts(Connection c, String session) throws SQLException {
        update(c, "DELETE FROM " + Bookkeeping.PARTS + " WHERE session = ?", session);
    }

    private static void update(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static WarehouseException notFound(String session) {
        return WarehouseException.notFound("Couldn't find bulk import session '" + session + "'");
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded part: " + e.getMessage(), e);
        }
    }
}
