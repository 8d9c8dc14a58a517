package io.tideway.query.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tideway.query.ImportBodies;
import io.tideway.query.config.EngineSettings;
import io.tideway.query.config.QuerySettings;
import io.tideway.query.config.TrinoSettings;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Trino engine against a real Trino server with the memory connector as catalog {@code memory}: given by
 * {@code -Dtideway.test.trino.url=jdbc:trino://host:port} or TIDEWAY_TEST_TRINO_URL, or started from an unpacked
 * distribution ({@link TrinoTestServer}); skipped when there is neither. Each run works in a database of its own.
 */
class TrinoEngineTest {

    private static TrinoTestServer server;
    private static Warehouses warehouses;
    private static String database;

    @BeforeAll
    static void connect() throws Exception {
        String url = TrinoTestServer.configuredUrl();
        if (url == null) {
            server = TrinoTestServer.startIfAvailable();
            url = server == null ? null : server.jdbcUrl();
        }
        assumeTrue(url != null, "No Trino server: set -Dtideway.test.trino.url=jdbc:trino://host:port (catalog "
                + "memory), or " + TrinoTestServer.HOME_PROPERTY + " to an unpacked trino-server-core with the "
                + "memory plugin (scripts/trino-test-server fetches one)");
        warehouses = new Warehouses(new QuerySettings(Files.createTempDirectory("trino-engine"), true, null, null),
                new EngineSettings("trino"), new TrinoSettings(url, "memory", "tideway_test", null, 2));
        database = "tw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        warehouses.catalog("1").createDatabase(database);
    }

    @AfterAll
    static void close() {
        if (warehouses != null) {
            warehouses.catalog("1").deleteDatabase(database);
            warehouses.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void streamsTypedRowsWithNullsAndUnicode() throws Exception {
        Result r = run("SELECT * FROM (VALUES (BIGINT '1', DOUBLE '1.5', true, 'héllo ☃ 日本', DECIMAL '12.345', "
                + "DATE '2024-01-02', ARRAY[1, 2], MAP(ARRAY['a'], ARRAY['b']), CAST(ROW(1, 'x') AS ROW(k bigint, "
                + "s varchar)), TINYINT '7', REAL '1.25'), (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                + "NULL, NULL)) AS t(l, d, b, s, dec, day, arr, m, r, tiny, f) ORDER BY l NULLS LAST", null);

        assertThat(r.columns).extracting(Column::tdType).containsExactly("long", "double", "boolean", "string",
                "double", "string", "array<long>", "map<string,string>", "string", "long", "double");
        assertThat(r.columns).extracting(Column::name).containsExactly("l", "d", "b", "s", "dec", "day", "arr", "m",
                "r", "tiny", "f");
        assertThat(r.rows.get(0)).containsExactly(1L, 1.5, true, "héllo ☃ 日本", "12.345", "2024-01-02", "[1,2]",
                "{\"a\":\"b\"}", "{\"k\":1,\"s\":\"x\"}", 7L, 1.25);
        assertThat(r.rows.get(1)).hasSize(11).containsOnlyNulls();
    }

    @Test
    void aFailingQuerySaysWhatTrinoSaid() {
        assertThatThrownBy(() -> run("SELECT * FROM no_such_table", null))
                .isInstanceOf(QueryFailedException.class)
                .hasMessageContaining("no_such_table")
                .hasMessageContaining("does not exist");
    }

    @Test
    void scheduledTimeIsTheJobsTime() throws Exception {
        Result r = run("SELECT TD_SCHEDULED_TIME() AS t, td_scheduled_time ( ) + 60, 'TD_SCHEDULED_TIME()' AS s",
                Instant.ofEpochSecond(1_700_000_000L));

        assertThat(r.columns).extracting(Column::tdType).containsExactly("long", "long", "string");
        assertThat(r.rows).containsExactly(List.of(1_700_000_000L, 1_700_000_060L, "TD_SCHEDULED_TIME()"));
    }

    @Test
    void bulkImportsAppendAndReplaceThroughTheTableStore() throws Exception {
        BulkImports bulk = warehouses.bulkImports("1");
        commit(bulk, "events", BulkImports.Mode.APPEND, List.of(record(1L, "a", null), record(2L, "ü", 2.5)));
        commit(bulk, "events", BulkImports.Mode.APPEND, List.of(record(3L, "c", 1.0)));
        assertThat(rows("SELECT time, name, score FROM events ORDER BY time")).containsExactly(
                List.of(1L, "a"), List.of(2L, "ü", 2.5), List.of(3L, "c", 1.0));

        BulkImports.Commit again = bulk.commit(lastSession, BulkImports.Mode.APPEND);
        assertThat(again.alreadyCommitted()).isTrue();
        assertThat(rows("SELECT count(*) FROM events")).containsExactly(List.of(3L));

        commit(bulk, "events", BulkImports.Mode.REPLACE, List.of(record(9L, "z", null)));
        assertThat(warehouses.forAccount("1").table(database, "events").orElseThrow().columns())
                .extracting(Column::name).containsExactly("time", "name");
        assertThat(rows("SELECT * FROM events")).containsExactly(List.of(9L, "z"));
        assertThat(warehouses.forAccount("1").tables(database)).extracting(TableInfo::name)
                .doesNotHaveDuplicates().noneMatch(TrinoTableWriter::isStaging);
    }

    @Test
    void anImportRefusesValuesItsColumnCannotTake() throws Exception {
        warehouses.catalog("1").createTable(database, "typed");
        Imports imports = warehouses.imports("1");
        imports.importRecords(database, "typed", "id-1", gzip(List.of(record(1L, "a", null))));
        Imports.Result repeated = imports.importRecords(database, "typed", "id-1", gzip(List.of(record(1L, "a", null))));
        assertThat(repeated.duplicate()).isTrue();

        imports.importRecords(database, "typed", null, gzip(List.of(record(2L, null, 2.5))));
        imports.importRecords(database, "typed", null, gzip(List.of(Map.<String, Object>of("time", 3L, "name", 5L))));
        assertThatThrownBy(() -> imports.importRecords(database, "typed", null, gzip(List.of(
                Map.<String, Object>of("time", 4L, "score", "high")))))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Column 'score'")
                .hasMessageContaining("cannot take the imported strings");
        assertThatThrownBy(() -> imports.importRecords(database, "typed", null, gzip(List.of(
                Map.<String, Object>of("time", "late")))))
                .isInstanceOf(WarehouseException.class);
        assertThat(rows("SELECT time, name, score FROM typed ORDER BY time")).containsExactly(
                List.of(1L, "a"), java.util.Arrays.asList(2L, null, 2.5), List.of(3L, "5"));
    }

    @Test
    void tablesAreRenamedAndSwapped() throws Exception {
        Catalog catalog = warehouses.catalog("1");
        catalog.createTable(database, "left_t");
        catalog.createTable(database, "right_t");
        warehouses.imports("1").importRecords(database, "left_t", null, gzip(List.of(record(1L, "l", null))));
        catalog.swap(database, "left_t", "right_t");
        assertThat(warehouses.forAccount("1").table(database, "right_t").orElseThrow().rowCount()).isEqualTo(1);
        catalog.rename(database, "right_t", "renamed", false);
        assertThat(warehouses.forAccount("1").tables(database)).extracting(TableInfo::name)
                .contains("left_t", "renamed").doesNotContain("right_t");
        catalog.deleteTable(database, "renamed");
        assertThat(warehouses.forAccount("1").table(database, "renamed")).isEmpty();
    }

    private static String lastSession;

    private static void commit(BulkImports bulk, String table, BulkImports.Mode mode, List<Map<String, Object>> records) {
        lastSession = "s-" + UUID.randomUUID();
        bulk.create(lastSession, database, table);
        bulk.uploadPart(lastSession, "part-1", gzip(records));
        assertThat(bulk.commit(lastSession, mode).alreadyCommitted()).isFalse();
    }

    private static Map<String, Object> record(long time, String name, Double score) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("time", time);
        r.put("name", name);
        r.put("score", score);
        return r;
    }

    private static ByteArrayInputStream gzip(List<Map<String, Object>> records) {
        return new ByteArrayInputStream(ImportBodies.gzipMsgpack(records));
    }

    /** Rows without their trailing nulls, for short expectations. */
    private static List<List<Object>> rows(String sql) throws Exception {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : run(sql, null).rows) {
            List<Object> trimmed = new ArrayList<>(row);
            while (!trimmed.isEmpty() && trimmed.get(trimmed.size() - 1) == null) {
                trimmed.remove(trimmed.size() - 1);
            }
            out.add(trimmed);
        }
        return out;
    }

    private static Result run(String sql, Instant scheduledTime) throws Exception {
        Result r = new Result();
        warehouses.forAccount("1").run(database, sql, scheduledTime, r);
        return r;
    }

    private static final class Result implements RowSink {
        private List<Column> columns;
        private final List<List<Object>> rows = new ArrayList<>();

        @Override
        public void columns(List<Column> columns) {
            this.columns = columns;
        }

        @Override
        public void row(List<Object> cells) {
            rows.add(cells);
        }
    }
}
