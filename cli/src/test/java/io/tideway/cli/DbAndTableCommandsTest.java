package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code td db:list} and {@code td table:list}. */
class DbAndTableCommandsTest {

    static final String WWW_ACCESS = """
            {"id":"1","name":"www_access","type":"log","count":5000,"estimated_storage_size":0,\
            "schema":"[[\\"host\\",\\"string\\"],[\\"code\\",\\"long\\",\\"status\\"],[\\"v\\",\\"map<string,string>\\"]]",\
            "last_log_timestamp":null,"expire_days":null,"created_at":"2026-01-02 03:04:05 UTC",\
            "updated_at":"2026-01-02 03:04:05 UTC"}""";

    @TempDir
    Path dir;

    private FakeTdServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeTdServer()
                .json("GET", "/v3/database/list", """
                        {"databases":[{"id":"1","name":"testdb","count":5000,"created_at":"2026-01-02 03:04:05 UTC",\
                        "updated_at":"2026-01-02 03:04:05 UTC","organization":null,"permission":"administrator"},\
                        {"id":"2","name":"empty_db","count":0,"created_at":"2026-01-02 03:04:05 UTC",\
                        "updated_at":"2026-01-02 03:04:05 UTC","organization":null,"permission":"administrator"}]}""")
                .json("GET", "/v3/table/list/testdb", "{\"database\":\"testdb\",\"tables\":[" + WWW_ACCESS + "]}")
                .json("GET", "/v3/table/list/empty_db", "{\"database\":\"empty_db\",\"tables\":[]}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void dbListPrintsTheDatabases() {
        Td.Result result = Td.run(Td.envFor(server, dir), "db:list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("""
                +----------+-------+
                | Name     | Count |
                +----------+-------+
                | testdb   | 5000  |
                | empty_db | 0     |
                +----------+-------+
                2 rows in set
                """);
        assertThat(server.requests()).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isEqualTo("TD1 " + FakeTdServer.API_KEY));
    }

    @Test
    void tableListPrintsTheTablesOfADatabaseWithCountsAndSchema() {
        Td.Result result = Td.run(Td.envFor(server, dir), "table:list", "testdb");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("""
                +----------+------------+------+-------+------------------------------------------------+
                | Database | Table      | Type | Count | Schema                                         |
                +----------+------------+------+-------+------------------------------------------------+
                | testdb   | www_access | log  | 5000  | host:string, status:long, v:map<string,string> |
                +----------+------------+------+-------+------------------------------------------------+
                1 row in set
                """);
        assertThat(server.requests()).extracting(FakeTdServer.Request::path).containsExactly("/v3/table/list/testdb");
    }

    @Test
    void tableListWithoutADatabaseListsEveryDatabasesTables() {
        Td.Result result = Td.run(Td.envFor(server, dir), "table:list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("| testdb   | www_access |").endsWith("1 row in set\n");
        assertThat(server.requests()).extracting(FakeTdServer.Request::path)
                .containsExactly("/v3/database/list", "/v3/table/list/testdb", "/v3/table/list/empty_db");
    }

    @Test
    void tableListOfAnUnknownDatabaseShowsTheApisMessage() {
        server.respond("GET", "/v3/table/list/nope", 404, "application/json",
                "{\"error\":\"Resource not found\",\"text\":\"Database 'nope' does not exist\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "table:list", "nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("Error: Database 'nope' does not exist\n");
    }
}
