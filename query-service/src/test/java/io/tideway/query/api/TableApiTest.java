package io.tideway.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.treasuredata.client.TDClient;
import com.treasuredata.client.TDClientHttpConflictException;
import com.treasuredata.client.TDClientHttpNotFoundException;
import com.treasuredata.client.model.TDApiKey;
import com.treasuredata.client.model.TDColumn;
import com.treasuredata.client.model.TDDatabase;
import com.treasuredata.client.model.TDTable;
import io.tideway.query.RunningService;
import io.tideway.query.warehouse.WarehouseSql;
import io.tideway.query.warehouse.Warehouses;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Databases and tables through td-client-java, unchanged; names outside Treasure Data's rule through plain HTTP. */
class TableApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningService service;
    private static TDClient client;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        client = client(RunningService.API_KEY);
    }

    @AfterAll
    static void stop() {
        client.close();
        service.close();
    }

    static TDClient client(String apiKey) {
        return TDClient.newBuilder().setEndpoint("127.0.0.1").setPort(service.port()).setUseSSL(false)
                .setApiKey(apiKey).setRetryLimit(0).build();
    }

    @Test
    void createsShowsAndDeletesADatabase() {
        client.createDatabase("sales_db");

        TDDatabase shown = client.showDatabase("sales_db");
        assertThat(shown.getName()).isEqualTo("sales_db");
        assertThat(client.listDatabaseNames()).contains("sales_db", "testdb");

        client.deleteDatabase("sales_db");
        assertThat(client.listDatabaseNames()).doesNotContain("sales_db");
        assertThatThrownBy(() -> client.showDatabase("sales_db")).isInstanceOf(TDClientHttpNotFoundException.class);
        assertThatThrownBy(() -> client.deleteDatabase("sales_db")).isInstanceOf(TDClientHttpNotFoundException.class);
    }

    @Test
    void answersACreateOfAnExistingDatabaseWith409NamingIt() {
        client.createDatabase("twice_db");

        assertThatThrownBy(() -> client.createDatabase("twice_db"))
                .isInstanceOfSatisfying(TDClientHttpConflictException.class,
                        e -> assertThat(e.getConflictsWith()).contains("twice_db"));
        client.createDatabaseIfNotExists("twice_db");
    }

    @Test
    void createsATableWithATimeColumnAndShowsAndListsIt() {
        client.createDatabase("tables_db");
        client.createTable("tables_db", "events");

        TDTable shown = client.showTable("tables_db", "events");
        assertThat(shown.getName()).isEqualTo("events");
        assertThat(shown.getRowCount()).isZero();
        assertThat(shown.getSchema()).extracting(TDColumn::getName).containsExactly("time");
        assertThat(shown.getSchema()).extracting(c -> c.getType().toString()).containsExactly("long");
        assertThat(client.listTables("tables_db")).extracting(TDTable::getName).containsExactly("events");
        assertThat(client.existsTable("tables_db", "events")).isTrue();
        assertThatThrownBy(() -> client.createTable("tables_db", "events"))
                .isInstanceOf(TDClientHttpConflictException.class);
        assertThatThrownBy(() -> client.createTable("no_such_db", "events"))
                .isInstanceOf(TDClientHttpNotFoundException.class);

        client.deleteTable("tables_db", "events");
        assertThat(client.existsTable("tables_db", "events")).isFalse();
        assertThatThrownBy(() -> client.showTable("tables_db", "events"))
                .isInstanceOf(TDClientHttpNotFoundException.class);
        client.deleteTableIfExists("tables_db", "events");
    }

    @Test
    void swapsTwoTablesRowsAndColumnsIncluded() {
        client.createDatabase("swap_db");
        client.createTable("swap_db", "current");
        sql("CREATE TABLE swap_db.staged AS SELECT range AS time, 'x' AS label FROM range(3)");

        client.swapTables("swap_db", "current", "staged");

        assertThat(client.showTable("swap_db", "current").getRowCount()).isEqualTo(3);
        assertThat(client.showTable("swap_db", "current").getSchema()).extracting(TDColumn::getName)
                .containsExactly("time", "label");
        assertThat(client.showTable("swap_db", "staged").getRowCount()).isZero();
    }

    @Test
    void renamesATableAndOverwritesOnlyWhenAsked() {
        client.createDatabase("rename_db");
        client.createTable("rename_db", "old_name");
        client.createTable("rename_db", "taken");
        sql("INSERT INTO rename_db.old_name VALUES (1), (2)");

        assertThatThrownBy(() -> client.renameTable("rename_db", "old_name", "taken", false))
                .isInstanceOf(TDClientHttpConflictException.class);
        client.renameTable("rename_db", "old_name", "taken", true);

        assertThat(client.listTables("rename_db")).extracting(TDTable::getName).containsExactly("taken");
        assertThat(client.showTable("rename_db", "taken").getRowCount()).isEqualTo(2);
        client.renameTable("rename_db", "taken", "new_name");
        assertThat(client.listTables("rename_db")).extracting(TDTable::getName).containsExactly("new_name");
        assertThatThrownBy(() -> client.renameTable("rename_db", "missing", "other"))
                .isInstanceOf(TDClientHttpNotFoundException.class);
    }

    @Test
    void answersRenameWithTheNewTableName() throws Exception {
        client.createDatabase("rename_shape_db");
        client.createTable("rename_shape_db", "before_name");

        HttpResponse<String> renamed = service.postForm("/v3/table/rename/rename_shape_db/before_name/after_name",
                "overwrite=false");

        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(renamed.body())).isEqualTo(JSON.readTree(
                "{\"database\":\"rename_shape_db\",\"table\":\"after_name\",\"type\":\"log\"}"));
    }

    @Test
    void refusesNamesOutsideTreasureDatasRuleWith400() throws Exception {
        for (String path : new String[] {"/v3/database/create/Upper_Case", "/v3/database/create/ab",
                "/v3/database/create/with-dash", "/v3/table/create/testdb/Bad%20Name", "/v3/table/create/testdb/xy",
                "/v3/table/rename/testdb/www_access/No-Good"}) {
            HttpResponse<String> response = service.postForm(path, "");

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.get("text").asText()).as(path)
                    .contains("3 to 256 lowercase letters (a-z), digits and '_'");
        }
        assertThat(client.listTables("testdb")).extracting(TDTable::getName).containsExactly("www_access");
    }

    @Test
    void validatesAMasterAndAWriteOnlyKey() {
        TDApiKey master = client.validateApiKey();
        TDApiKey writeOnly;
        try (TDClient importer = client(RunningService.WRITE_ONLY_KEY)) {
            writeOnly = importer.validateApiKey();
        }

        assertThat(master.getKeyType()).isEqualTo("master");
        assertThat(master.getAccountId()).isEqualTo(1);
        assertThat(master.getUserId()).isEqualTo(1);
        assertThat(master.isAdministrator()).isTrue();
        assertThat(writeOnly.getKeyType()).isEqualTo("write_only");
        assertThat(writeOnly.getAccountId()).isEqualTo(1);
        assertThat(writeOnly.isAdministrator()).isFalse();
    }

    /** Changes account 1's warehouse directly. */
    static void sql(String statement) {
        WarehouseSql.execute(service.bean(Warehouses.class).of("1"), statement);
    }
}
