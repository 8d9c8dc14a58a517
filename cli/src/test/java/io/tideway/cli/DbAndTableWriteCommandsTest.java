package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code td db:create|delete} and {@code td table:create|delete|show|swap|rename}. */
class DbAndTableWriteCommandsTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final FakeTdServer server = FakeTdServer.perTest();

    @Test
    void dbCreatePostsToTheDatabasesPath() {
        server.json("POST", "/v3/database/create/new_db", "{\"database\":\"new_db\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "db:create", "new_db");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/v3/database/create/new_db");
            assertThat(r.body()).isEmpty();
        });
        assertThat(result.stderr()).isEqualTo("Database 'new_db' is created.\n"
                + "Use 'td table:create new_db <table_name>' to create a table.\n");
    }

    @Test
    void dbCreateRefusesANameTheApiWouldRefuseWithoutCallingIt() {
        Td.Result upper = Td.run(Td.envFor(server, dir), "db:create", "New-DB");
        Td.Result shorter = Td.run(Td.envFor(server, dir), "db:create", "ab");

        assertThat(upper.exitCode()).isEqualTo(2);
        assertThat(upper.stderr()).startsWith("Error: Database name 'New-DB' may hold only lower-case letters, "
                + "digits and '_'");
        assertThat(shorter.exitCode()).isEqualTo(2);
        assertThat(shorter.stderr()).startsWith("Error: Database name 'ab' must be 3 to 256 characters long, not 2");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void dbCreateOfAnExistingDatabaseShowsTheApisMessage() {
        server.sequence("POST", "/v3/database/create/testdb", FakeTdServer.jsonResponse(409,
                "{\"error\":\"Conflict\",\"text\":\"Database 'testdb' already exists\"}"));

        Td.Result result = Td.run(Td.envFor(server, dir), "db:create", "testdb");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("Error: Database 'testdb' already exists\n");
    }

    @Test
    void dbDeleteOfAnEmptyDatabaseDeletesIt() {
        server.json("GET", "/v3/table/list/old_db", "{\"database\":\"old_db\",\"tables\":[]}")
                .json("POST", "/v3/database/delete/old_db", "{\"database\":\"old_db\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "db:delete", "old_db");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).extracting(r -> r.method() + " " + r.path())
                .containsExactly("GET /v3/table/list/old_db", "POST /v3/database/delete/old_db");
        assertThat(result.stderr()).isEqualTo("Database 'old_db' is deleted.\n");
    }

    @Test
    void dbDeleteRefusesADatabaseWithTablesUnlessForced() {
        server.json("GET", "/v3/table/list/testdb", "{\"database\":\"testdb\",\"tables\":["
                        + DbAndTableCommandsTest.WWW_ACCESS + "]}")
                .json("POST", "/v3/database/delete/testdb", "{\"database\":\"testdb\"}");

        Td.Result refused = Td.run(Td.envFor(server, dir), "db:delete", "testdb");
        Td.Result forced = Td.run(Td.envFor(server, dir), "db:delete", "-f", "testdb");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).isEqualTo("Error: Database 'testdb' is not empty. Use '-f' to delete it with "
                + "its tables, or delete the tables first.\n");
        assertThat(forced.exitCode()).isZero();
        assertThat(server.requests("POST", "/v3/database/delete/testdb")).hasSize(1);
        assertThat(server.requests("GET", "/v3/table/list/testdb")).hasSize(1);
    }

    @Test
    void tableCreateMakesALogTable() {
        server.json("POST", "/v3/table/create/testdb/events/log",
                "{\"database\":\"testdb\",\"table\":\"events\",\"type\":\"log\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "table:create", "testdb", "events");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/v3/table/create/testdb/events/log");
        });
        assertThat(result.stderr()).isEqualTo("Table 'testdb.events' is created.\n");
    }

    @Test
    void tableCreateRefusesAnInvalidTableName() {
        Td.Result result = Td.run(Td.envFor(server, dir), "table:create", "testdb", "My Table");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("Error: Table name 'My Table' may hold only lower-case letters");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void tableDeleteAsksFirstAndDeletesOnYes() {
        server.json("POST", "/v3/table/delete/testdb/events", "{\"type\":\"log\"}");

        Td.Result yes = Td.runWithInput(Td.envFor(server, dir), "y\n", "table:delete", "testdb", "events");

        assertThat(yes.exitCode()).isZero();
        assertThat(yes.stderr()).isEqualTo("Do you really delete 'events' in 'testdb'? [y/N]: "
                + "Table 'testdb.events' is deleted.\n");
        assertThat(server.requests()).extracting(FakeTdServer.Request::path)
                .containsExactly("/v3/table/delete/testdb/events");
    }

    @Test
    void tableDeleteDoesNothingWithoutYesAndDoesNotAskWithForce() {
        server.json("POST", "/v3/table/delete/testdb/events", "{\"type\":\"log\"}");

        Td.Result no = Td.runWithInput(Td.envFor(server, dir), "", "table:delete", "testdb", "events");
        assertThat(no.exitCode()).isEqualTo(1);
        assertThat(no.stderr()).endsWith("Error: Canceled: table 'testdb.events' is not deleted (answer 'y', or "
                + "use -f).\n");
        assertThat(server.requests()).isEmpty();

        Td.Result forced = Td.run(Td.envFor(server, dir), "table:delete", "-f", "testdb", "events");
        assertThat(forced.exitCode()).isZero();
        assertThat(forced.stderr()).isEqualTo("Table 'testdb.events' is deleted.\n");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void tableShowDescribesTheTableAndItsSchema() {
        server.json("GET", "/v3/table/show/testdb/www_access", DbAndTableCommandsTest.WWW_ACCESS);

        Td.Result result = Td.run(Td.envFor(server, dir), "table:show", "testdb", "www_access");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("""
                Name        : testdb.www_access
                Type        : log
                Count       : 5000
                Size        : 0 bytes
                Created     : 2026-01-02 03:04:05 UTC
                Updated     : 2026-01-02 03:04:05 UTC
                Schema      : (
                    host:string
                    status:long
                    v:map<string,string>
                )
                """);
    }

    @Test
    void tableShowOfAMissingTableShowsTheApisMessage() {
        server.respond("GET", "/v3/table/show/testdb/nope", 404, "application/json",
                "{\"error\":\"Resource not found\",\"text\":\"Table 'nope' does not exist\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "table:show", "testdb", "nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("Error: Table 'nope' does not exist\n");
    }

    @Test
    void tableSwapPostsBothTables() {
        server.json("POST", "/v3/table/swap/testdb/t_new/t_live", "{}");

        Td.Result result = Td.run(Td.envFor(server, dir), "table:swap", "testdb", "t_new", "t_live");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).extracting(FakeTdServer.Request::path)
                .containsExactly("/v3/table/swap/testdb/t_new/t_live");
        assertThat(result.stderr()).isEqualTo("'testdb.t_new' and 'testdb.t_live' are swapped.\n");
    }

    @Test
    void tableRenameAlwaysSendsOverwrite() {
        server.json("POST", "/v3/table/rename/testdb/old_t/new_t",
                "{\"database\":\"testdb\",\"table\":\"new_t\",\"type\":\"log\"}");

        Td.Result plain = Td.run(Td.envFor(server, dir), "table:rename", "testdb", "old_t", "new_t");
        Td.Result overwrite = Td.run(Td.envFor(server, dir), "table:rename", "--overwrite", "testdb", "old_t",
                "new_t");

        assertThat(plain.exitCode()).isZero();
        assertThat(overwrite.exitCode()).isZero();
        assertThat(server.requests()).extracting(r -> r.form().get("overwrite")).containsExactly("false", "true");
        assertThat(plain.stderr()).isEqualTo("'testdb.old_t' is renamed to 'testdb.new_t'.\n");
    }
}
