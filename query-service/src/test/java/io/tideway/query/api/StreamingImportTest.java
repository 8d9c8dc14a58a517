package io.tideway.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.treasuredata.client.TDClient;
import com.treasuredata.client.TDClientHttpException;
import com.treasuredata.client.TDClientHttpNotFoundException;
import com.treasuredata.client.model.TDColumn;
import com.treasuredata.client.model.TDImportResult;
import io.tideway.query.ImportBodies;
import io.tideway.query.RunningService;
import io.tideway.query.warehouse.WarehouseSql;
import io.tideway.query.warehouse.Warehouses;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Streaming import (msgpack.gz) through td-client-java's importFile and importBytes. */
class StreamingImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningService service;
    private static TDClient client;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        client = TDClient.newBuilder().setEndpoint("127.0.0.1").setPort(service.port()).setUseSSL(false)
                .setApiKey(RunningService.API_KEY).setRetryLimit(0).build();
        client.createDatabase("import_db");
    }

    @AfterAll
    static void stop() {
        client.close();
        service.close();
    }

    @Test
    void importsRecordsAddingColumnsTypedByTheirValues() throws Exception {
        client.createTable("import_db", "typed");
        File file = Files.createTempFile("import", ".msgpack.gz").toFile();
        Files.write(file.toPath(), ImportBodies.gzipMsgpack(List.of(
                record(1700000000L, "n", 1, "x", 1.5, "ok", true, "s", "a", "list", List.of(1, 2),
                        "map", Map.of("k", "v")),
                record(1700000001L, "n", 2, "s", "b"))));

        TDImportResult result = client.importFile("import_db", "typed", file);

        assertThat(result.getDatabaseName()).isEqualTo("import_db");
        assertThat(result.getTableName()).isEqualTo("typed");
        assertThat(result.getMd5Hex()).hasSize(32);
        assertThat(client.showTable("import_db", "typed").getRowCount()).isEqualTo(2);
        assertThat(client.showTable("import_db", "typed").getSchema()).extracting(TDColumn::getName)
                .containsExactly("time", "n", "x", "ok", "s", "list", "map");
        assertThat(WarehouseSql.column(warehouse(), "SELECT column_name || ' ' || data_type FROM duckdb_columns() "
                + "WHERE schema_name = 'import_db' AND table_name = 'typed' ORDER BY column_index"))
                .containsExactly("time BIGINT", "n BIGINT", "x DOUBLE", "ok BOOLEAN", "s VARCHAR", "list VARCHAR",
                        "map VARCHAR");
        assertThat(WarehouseSql.column(warehouse(), "SELECT concat_ws('|', time, n, x, ok, s, list, map) "
                + "FROM import_db.typed ORDER BY time"))
                .containsExactly("1700000000|1|1.5|true|a|[1,2]|{\"k\":\"v\"}", "1700000001|2|b");
    }

    @Test
    void importsTheSameUniqueIdOnce() {
        client.createTable("import_db", "once");
        byte[] body = ImportBodies.gzipMsgpack(List.of(record(1700000000L, "v", 1), record(1700000001L, "v", 2)));

        TDImportResult first = client.importBytes("import_db", "once", body, "4288048cf8f811e88b560a87157ac806");
        TDImportResult again = client.importBytes("import_db", "once", body, "4288048cf8f811e88b560a87157ac806");
        client.importBytes("import_db", "once", body, "5288048cf8f811e88b560a87157ac806");

        assertThat(first.getUniqueId()).isEqualTo("4288048cf8f811e88b560a87157ac806");
        assertThat(again.getMd5Hex()).isEqualTo(first.getMd5Hex());
        assertThat(client.showTable("import_db", "once").getRowCount()).isEqualTo(4);
    }

    @Test
    void refusesAValueTheColumnCannotTakeWith422NamingColumnAndTypes() throws Exception {
        client.createTable("import_db", "conflict");
        client.importBytes("import_db", "conflict", ImportBodies.gzipMsgpack(List.of(record(1L, "code", 200))));

        HttpResponse<String> response = service.call("PUT", "/v3/table/import/import_db/conflict/msgpack.gz",
                RunningService.API_KEY, ImportBodies.gzipMsgpack(List.of(record(2L, "code", 201), record(3L, "code", "ok"))));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).get("text").asText())
                .contains("'code'").contains("BIGINT").contains("strings");
        assertThat(client.showTable("import_db", "conflict").getRowCount()).isEqualTo(1);
        assertThatThrownBy(() -> client.importBytes("import_db", "conflict",
                ImportBodies.gzipMsgpack(List.of(record(4L, "code", 1.5)))))
                .isInstanceOf(TDClientHttpException.class).hasMessageContaining("cannot take");
    }

    @Test
    void answersAMissingTableWith404() {
        assertThatThrownBy(() -> client.importBytes("import_db", "no_such_table",
                ImportBodies.gzipMsgpack(List.of(record(1L, "a", 1)))))
                .isInstanceOf(TDClientHttpNotFoundException.class);
        assertThatThrownBy(() -> client.importBytes("no_such_db", "no_such_table",
                ImportBodies.gzipMsgpack(List.of(record(1L, "a", 1)))))
                .isInstanceOf(TDClientHttpNotFoundException.class);
    }

    @Test
    void refusesRecordsWithoutTimeAndBodiesThatAreNotGzipMsgpack() throws Exception {
        client.createTable("import_db", "strict");
        Map<String, Object> noTime = new LinkedHashMap<>();
        noTime.put("a", 1);

        HttpResponse<String> missingTime = service.call("PUT", "/v3/table/import/import_db/strict/msgpack.gz",
                RunningService.API_KEY, ImportBodies.gzipMsgpack(List.of(noTime)));
        HttpResponse<String> notGzip = service.call("PUT", "/v3/table/import/import_db/strict/msgpack.gz",
                RunningService.API_KEY, "time,a\n1,2\n".getBytes());
        HttpResponse<String> csv = service.call("PUT", "/v3/table/import/import_db/strict/csv",
                RunningService.API_KEY, "time,a\n1,2\n".getBytes());

        assertThat(missingTime.statusCode()).isEqualTo(422);
        assertThat(text(missingTime)).contains("Record 1 has no 'time'");
        assertThat(notGzip.statusCode()).isEqualTo(400);
        assertThat(text(notGzip)).contains("not gzip");
        assertThat(csv.statusCode()).isEqualTo(400);
        assertThat(client.showTable("import_db", "strict").getRowCount()).isZero();
    }

    private static String text(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        return body.get("text").asText();
    }

    private static Map<String, Object> record(long time, Object... pairs) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("time", time);
        for (int i = 0; i < pairs.length; i += 2) {
            record.put((String) pairs[i], pairs[i + 1]);
        }
        return record;
    }

    private static io.tideway.query.warehouse.DuckDbWarehouse warehouse() {
        return service.bean(Warehouses.class).of("1");
    }
}
