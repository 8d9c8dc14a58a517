package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryCommandTest {

    @TempDir
    Path dir;

    private FakeTdServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeTdServer().json("POST", "/v3/job/issue/presto/testdb", "{\"job_id\":\"12\"}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void issuesTheJobWithTheToolbeltsParametersAndTheApiKey() {
        server.json("POST", "/v3/job/issue/hive/testdb", "{\"job_id\":12}");

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-d", "testdb", "-T", "hive",
                "-r", "ftp://user:secret@127.0.0.1:2121/reports/path.csv", "-P", "HIGH", "-R", "3",
                "--domain-key", "nightly-2026-01-02", "SELECT v['code'] AS code FROM www_access");

        assertThat(result.exitCode()).isZero();
        FakeTdServer.Request issue = server.requests("POST", "/v3/job/issue/hive/testdb").get(0);
        assertThat(issue.authorization()).isEqualTo("TD1 " + FakeTdServer.API_KEY);
        assertThat(issue.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(issue.form()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "query", "SELECT v['code'] AS code FROM www_access",
                "result", "ftp://user:secret@127.0.0.1:2121/reports/path.csv",
                "priority", "1", "retry_limit", "3", "domain_key", "nightly-2026-01-02"));
        assertThat(result.stderr()).isEqualTo("Job 12 is queued.\nUse 'td job:show 12' to show the status.\n");
        assertThat(result.stdout()).isEmpty();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void sendsOnlyTheQueryWhenNothingElseIsGivenAndUsesPrestoByDefault() {
        Td.Result result = Td.run(Td.envFor(server, dir), "query", "--database", "testdb", "SELECT 1");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests("POST", "/v3/job/issue/presto/testdb").get(0).form())
                .containsOnlyKeys("query").containsEntry("query", "SELECT 1");
    }

    @ParameterizedTest
    @CsvSource({"VERY LOW,-2", "very-low,-2", "low,-1", "-1,-1", "NORMAL,0", "0,0", "high,1", "+1,1",
            "VERY HIGH,2", "very_high,2", "2,2"})
    void acceptsPriorityNamesAndNumbers(String given, String sent) {
        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-d", "testdb", "-P", given, "SELECT 1");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests().get(0).form()).containsEntry("priority", sent);
    }

    @Test
    void refusesAnUnknownPriorityAsAUsageErrorWithoutCallingTheApi() {
        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-d", "testdb", "-P", "urgent", "SELECT 1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("unknown priority 'urgent'").contains("very-high");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void readsTheQueryFromAFileWithDashQ() throws IOException {
        Path sql = Files.writeString(dir.resolve("q.sql"), "SELECT COUNT(1)\nFROM www_access\n");

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-d", "testdb", "-q", sql.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests().get(0).form()).containsEntry("query", "SELECT COUNT(1)\nFROM www_access");
    }

    @Test
    void readsTheQueryFromStandardInputWhenItIsADash() {
        Td.Result result = Td.runWithInput(Td.envFor(server, dir), "SELECT 42\n", "query", "-d", "testdb", "-");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests().get(0).form()).containsEntry("query", "SELECT 42");
    }

    @Test
    void aMissingDatabaseIsAUsageError() {
        Td.Result result = Td.run(Td.envFor(server, dir), "query", "SELECT 1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("Missing required option: '--database=DB_NAME'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aMissingOrEmptyQueryIsAUsageError() {
        Td.Result missing = Td.run(Td.envFor(server, dir), "query", "-d", "testdb");
        Td.Result empty = Td.run(Td.envFor(server, dir), "query", "-d", "testdb", "  ");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("<SQL> argument or -q, --query PATH option is required");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.stderr()).contains("the query is empty");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-d", "testdb", "-w", "-f", "xml", "SELECT 1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("unknown format 'xml'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void showsTheApisMessageWhenItRefusesTheJob() {
        server.respond("POST", "/v3/job/issue/presto/nope", 404, "application/json",
                "{\"error\":\"Resource not found\",\"text\":\"Database 'nope' does not exist\",\"severity\":\"error\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-d", "nope", "SELECT 1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("Error: Database 'nope' does not exist\n");
    }
}
