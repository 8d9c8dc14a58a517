package io.tideway.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.query.ImportBodies;
import io.tideway.query.RunningService;
import io.tideway.query.warehouse.DuckDbWarehouse;
import io.tideway.query.warehouse.WarehouseSql;
import io.tideway.query.warehouse.Warehouses;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The staged import the td-writer delivers through: sessions, parts, one-transaction commits. */
class BulkImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        assertThat(post("/v3/database/create/bulk_db").statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void stagesPartsInvisiblyThenAppendsThemAllAtCommitCreatingTheTable() throws Exception {
        HttpResponse<String> created = post("/v3/bulk_import/create/job_1/bulk_db/appended");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(created.body())).isEqualTo(JSON.readTree("{\"bulk_import\":\"job_1\"}"));

        assertThat(upload("job_1", "part_1", rows(0, 3)).statusCode()).isEqualTo(200);
        assertThat(upload("job_1", "part_2", rows(3, 5)).statusCode()).isEqualTo(200);
        assertThat(warehouse().tableExists("bulk_db", "appended")).isFalse();
        assertThat(show("job_1")).isEqualTo(JSON.readTree("{\"name\":\"job_1\",\"database\":\"bulk_db\","
                + "\"table\":\"appended\",\"status\":\"uploading\",\"parts\":2,\"valid_records\":5}"));

        JsonNode commit = JSON.readTree(post("/v3/bulk_import/commit/job_1?mode=append").body());

        assertThat(commit.get("status").asText()).isEqualTo("committed");
        assertThat(commit.get("already_committed").asBoolean()).isFalse();
        assertThat(WarehouseSql.column(warehouse(), "SELECT id || ':' || label FROM bulk_db.appended ORDER BY id"))
                .containsExactly("0:row 0", "1:row 1", "2:row 2", "3:row 3", "4:row 4");
        assertThat(show("job_1").get("status").asText()).isEqualTo("committed");
        assertThat(show("job_1").get("valid_records").asLong()).isEqualTo(5);
    }

    @Test
    void appendsToAnExistingTableAddingTheColumnsItLacks() throws Exception {
        post("/v3/table/create/bulk_db/grows");
        post("/v3/bulk_import/create/job_2/bulk_db/grows");
        upload("job_2", "1", rows(0, 2));

        post("/v3/bulk_import/commit/job_2");

        assertThat(WarehouseSql.column(warehouse(), "SELECT column_name FROM duckdb_columns() WHERE schema_name = "
                + "'bulk_db' AND table_name = 'grows' ORDER BY column_index")).containsExactly("time", "id", "label");
        assertThat(WarehouseSql.count(warehouse(), "bulk_db.grows")).isEqualTo(2);
    }

    @Test
    void commitsASecondTimeWithoutChangingAnything() throws Exception {
        post("/v3/bulk_import/create/job_3/bulk_db/once");
        upload("job_3", "1", rows(0, 4));
        post("/v3/bulk_import/commit/job_3?mode=append");

        HttpResponse<String> again = post("/v3/bulk_import/commit/job_3?mode=append");

        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(again.body());
        assertThat(body.get("bulk_import").asText()).isEqualTo("job_3");
        assertThat(body.get("status").asText()).isEqualTo("committed");
        assertThat(body.get("already_committed").asBoolean()).isTrue();
        assertThat(WarehouseSql.count(warehouse(), "bulk_db.once")).isEqualTo(4);
    }

    @Test
    void replacesAPartUploadedAgainUnderTheSameName() throws Exception {
        post("/v3/bulk_import/create/job_4/bulk_db/reuploaded");
        upload("job_4", "1", rows(0, 3));
        upload("job_4", "1", rows(10, 12));

        assertThat(show("job_4").get("parts").asLong()).isEqualTo(1);
        post("/v3/bulk_import/commit/job_4");

        assertThat(WarehouseSql.column(warehouse(), "SELECT id FROM bulk_db.reuploaded ORDER BY id"))
                .containsExactly("10", "11");
    }

    @Test
    void keepsTheUploadedPartsOfAReopenedSessionAndRefusesToReopenACommittedOne() throws Exception {
        post("/v3/bulk_import/create/job_5/bulk_db/redelivered");
        upload("job_5", "1", rows(0, 2));

        assertThat(post("/v3/bulk_import/create/job_5/bulk_db/redelivered").statusCode()).isEqualTo(200);
        assertThat(show("job_5").get("parts").asLong()).isEqualTo(1);
        upload("job_5", "1", rows(0, 2));
        post("/v3/bulk_import/commit/job_5");

        HttpResponse<String> reopened = post("/v3/bulk_import/create/job_5/bulk_db/redelivered");
        assertThat(reopened.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(reopened.body()).at("/details/conflicts_with").asText()).isEqualTo("job_5");
        assertThat(upload("job_5", "2", rows(5, 6)).statusCode()).isEqualTo(409);
        assertThat(WarehouseSql.count(warehouse(), "bulk_db.redelivered")).isEqualTo(2);
    }

    @Test
    void answersUnknownSessionsWith404AndDropsPartsOnDelete() throws Exception {
        assertThat(post("/v3/bulk_import/commit/nobody").statusCode()).isEqualTo(404);
        assertThat(service.get("/v3/bulk_import/show/nobody").statusCode()).isEqualTo(404);
        assertThat(upload("nobody", "1", rows(0, 1)).statusCode()).isEqualTo(404);
        assertThat(post("/v3/bulk_import/create/job_6/no_such_db/t_1").statusCode()).isEqualTo(404);
        assertThat(post("/v3/bulk_import/create/job_6/bulk_db/Bad-Name").statusCode()).isEqualTo(400);
        assertThat(post("/v3/bulk_import/commit/job_6?mode=upsert").statusCode()).isEqualTo(400);

        post("/v3/bulk_import/create/job_6/bulk_db/dropped");
        upload("job_6", "1", rows(0, 3));
        assertThat(post("/v3/bulk_import/delete/job_6").statusCode()).isEqualTo(200);

        assertThat(service.get("/v3/bulk_import/show/job_6").statusCode()).isEqualTo(404);
        assertThat(warehouse().tableExists("bulk_db", "dropped")).isFalse();
    }

    @Test
    void refusesACommitWhoseValuesTheTableCannotTakeWith422AndKeepsTheSession() throws Exception {
        post("/v3/table/create/bulk_db/typed");
        post("/v3/bulk_import/create/job_7/bulk_db/typed");
        upload("job_7", "1", ImportBodies.gzipMsgpack(List.of(Map.of("time", "yesterday"))));

        HttpResponse<String> commit = post("/v3/bulk_import/commit/job_7");

        assertThat(commit.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(commit.body()).get("text").asText()).contains("'time'").contains("BIGINT");
        assertThat(show("job_7").get("status").asText()).isEqualTo("uploading");
    }

    @Test
    void replacesAllRowsAtOnceWhileAReaderCountsInALoop() throws Exception {
        DuckDbWarehouse warehouse = warehouse();
        WarehouseSql.execute(warehouse, "CREATE TABLE bulk_db.replaced AS SELECT range AS id FROM range(1000)");
        post("/v3/bulk_import/create/job_8/bulk_db/replaced");
        for (int part = 0; part < 5; part++) {
            upload("job_8", "p" + part, rows(part * 4000, (part + 1) * 4000));
        }
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean committed = new AtomicBoolean();
        AtomicInteger readsAfterCommit = new AtomicInteger();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 100_000 && readsAfterCommit.get() < 20; i++) {
                seen.add(WarehouseSql.count(warehouse, "bulk_db.replaced"));
                if (committed.get()) {
                    readsAfterCommit.incrementAndGet();
                }
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> !seen.isEmpty());

        HttpResponse<String> commit = post("/v3/bulk_import/commit/job_8?mode=replace");
        committed.set(true);
        reader.get();

        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        assertThat(seen).containsOnly(1000L, 20_000L).contains(20_000L);
        assertThat(WarehouseSql.column(warehouse, "SELECT column_name FROM duckdb_columns() WHERE schema_name = "
                + "'bulk_db' AND table_name = 'replaced' ORDER BY column_index")).containsExactly("id", "label");
    }

    private static JsonNode show(String session) throws Exception {
        HttpResponse<String> response = service.get("/v3/bulk_import/show/" + session);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static byte[] rows(int from, int to) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", i);
            record.put("label", "row " + i);
            records.add(record);
        }
        return ImportBodies.gzipMsgpack(Collections.unmodifiableList(records));
    }

    private static HttpResponse<String> upload(String session, String part, byte[] body) {
        return service.call("PUT", "/v3/bulk_import/upload_part/" + session + "/" + part, RunningService.API_KEY, body);
    }

    private static HttpResponse<String> post(String path) {
        return service.call("POST", path, RunningService.API_KEY, null);
    }

    private static DuckDbWarehouse warehouse() {
        return service.bean(Warehouses.class).of("1");
    }
}
