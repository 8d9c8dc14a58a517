package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code td query -w}: progress on standard error, then the rows, the delivery, or the error. */
class QueryWaitTest {

    static final String CSV = "_c0,_c1\r\na,b\r\nc,\" d \"\r\ne,f\r\n";
    static final String SCHEMA = "\"hive_result_schema\":\"[[\\\"_c0\\\",\\\"varchar\\\"],[\\\"_c1\\\",\\\"varchar\\\"]]\"";

    @TempDir
    Path dir;

    private FakeTdServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeTdServer()
                .json("POST", "/v3/job/issue/presto/testdb", "{\"job_id\":\"1\"}")
                .json("GET", "/v3/job/status/1", Jobs.status("1", "queued"), Jobs.status("1", "running"),
                        Jobs.status("1", "success"))
                .json("GET", "/v3/job/show/1", Jobs.show("1", "queued", ""), Jobs.show("1", "running", ""),
                        Jobs.show("1", "success", "\"num_records\":3," + SCHEMA));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void waitsFromQueuedThroughRunningToSuccessAndWritesExactlyTheCsvBytes() {
        server.respond("GET", "/v3/job/result/1", 200, "text/csv", CSV);

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-w", "-d", "testdb", "-f", "csv",
                "SELECT * FROM (VALUES ('a','b'),('c',' d '),('e','f')) t(_c0,_c1)");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutBytes()).isEqualTo(CSV.getBytes(StandardCharsets.UTF_8));
        assertThat(result.stderr()).contains("Job 1 is queued.", "  queued\n", "  running\n", "  success, 3 rows (",
                "Status     : success");
        assertThat(server.requests("GET", "/v3/job/status/1")).hasSize(3);
        assertThat(server.requests("GET", "/v3/job/result/1")).singleElement()
                .satisfies(r -> assertThat(r.query()).containsEntry("format", "csv"));
        assertThat(result.waits()).containsExactly(100L, 200L);
    }

    @Test
    void backsOffFromATenthOfASecondToOneSecond() {
        server.json("GET", "/v3/job/status/1", Jobs.status("1", "queued"), Jobs.status("1", "queued"),
                Jobs.status("1", "queued"), Jobs.status("1", "queued"), Jobs.status("1", "queued"),
                Jobs.status("1", "queued"), Jobs.status("1", "success"));
        server.json("GET", "/v3/job/show/1", Jobs.show("1", "queued", ""),
                Jobs.show("1", "success", "\"num_records\":3," + SCHEMA));
        server.respond("GET", "/v3/job/result/1", 200, "text/csv", CSV);

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-w", "-d", "testdb", "-f", "csv", "SELECT 1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.waits()).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
        assertThat(server.requests("GET", "/v3/job/show/1")).hasSize(2);
    }

    @Test
    void reportsRowsWhileRunningWhenTheStatusKnowsThem() {
        server.json("GET", "/v3/job/status/1", Jobs.status("1", "running"),
                Jobs.status("1", "running").replace("}", ",\"num_records\":3}"), Jobs.status("1", "success"));
        server.json("GET", "/v3/job/show/1", Jobs.show("1", "running", ""),
                Jobs.show("1", "success", "\"num_records\":3," + SCHEMA));
        server.respond("GET", "/v3/job/result/1", 200, "text/csv", CSV);

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-w", "-d", "testdb", "-f", "csv", "SELECT 1");

        assertThat(result.stderr()).contains("  running\n  running, 3 rows\n  success, 3 rows");
    }

    @Test
    void writesTheChosenFormatToTheOutputFile() throws IOException {
        String tsv = "a\tb\nc\t d \ne\tf\n";
        server.respond("GET", "/v3/job/result/1", 200, "text/tab-separated-values", tsv);
        Path file = dir.resolve("out.tsv");

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-w", "-d", "testdb", "-f", "tsv",
                "-o", file.toString(), "SELECT 1");

        assertThat(result.exitCode()).isZero();
        assertThat(Files.readString(file)).isEqualTo(tsv);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("written to " + file + " in tsv format");
        assertThat(server.requests("GET", "/v3/job/result/1").get(0).query()).containsEntry("format", "tsv");
    }

    @Test
    void printsAReadableTableWithTheResultSchemasColumnNames() {
        server.respond("GET", "/v3/job/result/1", 200, "application/json",
                "[\"a\",\"b\"]\n[\"c\",\" d \"]\n[\"e\",null]\n");

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-w", "-d", "testdb", "SELECT 1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("""
                +-----+------+
                | _c0 | _c1  |
                +-----+------+
                | a   | b    |
                | c   |  d   |
                | e   | null |
                +-----+------+
                3 rows in set
                """);
        assertThat(server.requests("GET", "/v3/job/result/1").get(0).query()).containsEntry("format", "json");
    }

    @Test
    void endsWithTheDeliveryAndTheMaskedUrlWhenTheResultWentToADestination() {
        String url = "ftp://user:s3cret@127.0.0.1:2121/reports/path.csv";
        server.json("GET", "/v3/job/show/1", Jobs.show("1", "queued", ""), Jobs.show("1", "running", ""),
                Jobs.show("1", "success", "\"num_records\":3,\"result\":\"ftp://user:***@127.0.0.1:2121/reports/path.csv\""));

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-w", "-d", "testdb", "--result", url,
                "SELECT 1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout())
                .isEqualTo("Result delivered to ftp://user:***@127.0.0.1:2121/reports/path.csv (3 rows)\n");
        assertThat(result.stdout() + result.stderr()).doesNotContain("s3cret");
        assertThat(server.requests("GET", "/v3/job/result/1")).isEmpty();
    }

    @Test
    void masksThePasswordItselfWhenTheApiReturnsTheUrlInClear() {
        server.json("GET", "/v3/job/show/1", Jobs.show("1", "queued", ""), Jobs.show("1", "running", ""),
                Jobs.show("1", "success", "\"num_records\":1,\"result\":\"ftp://bob:pa55@ftp.example.com/r.csv\""));

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-w", "-d", "testdb",
                "-r", "ftp://bob:pa55@ftp.example.com/r.csv", "SELECT 1");

        assertThat(result.stdout()).isEqualTo("Result delivered to ftp://bob:***@ftp.example.com/r.csv (1 row)\n");
        assertThat(result.stdout() + result.stderr()).doesNotContain("pa55");
    }

    @Test
    void exitsWithOneAndShowsTheEnginesMessageWhenTheJobFails() {
        server.json("GET", "/v3/job/status/1", Jobs.status("1", "queued"), Jobs.status("1", "error"));
        server.json("GET", "/v3/job/show/1", Jobs.show("1", "queued", ""), Jobs.show("1", "error",
                "\"debug\":{\"cmdout\":\"\",\"stderr\":\"Catalog Error: Table with name nope does not exist!\\n"
                        + "Did you mean \\\"www_access\\\"?\"}"));

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-w", "-d", "testdb", "SELECT * FROM nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("Status     : error", "Job 1 ended in error:",
                "  Catalog Error: Table with name nope does not exist!\n  Did you mean \"www_access\"?\n");
        assertThat(result.stdout()).isEmpty();
        assertThat(server.requests("GET", "/v3/job/result/1")).isEmpty();
    }

    @Test
    void exitsWithOneWhenTheJobIsKilled() {
        server.json("GET", "/v3/job/status/1", Jobs.status("1", "running"), Jobs.status("1", "killed"));
        server.json("GET", "/v3/job/show/1", Jobs.show("1", "running", ""),
                Jobs.show("1", "killed", "\"debug\":{\"stderr\":\"Job was killed by the user\"}"));

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-w", "-d", "testdb", "SELECT 1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("Job 1 ended in killed:", "Job was killed by the user");
    }

    @Test
    void keepsWaitingThroughAShortOutageOfTheApiServer() {
        server.sequence("GET", "/v3/job/status/1", FakeTdServer.jsonResponse(200, Jobs.status("1", "running")),
                FakeTdServer.jsonResponse(503, "{\"error\":\"Service Unavailable\",\"text\":\"restarting\"}"),
                FakeTdServer.jsonResponse(200, Jobs.status("1", "success")));
        server.json("GET", "/v3/job/show/1", Jobs.show("1", "running", ""),
                Jobs.show("1", "success", "\"num_records\":3," + SCHEMA));
        server.respond("GET", "/v3/job/result/1", 200, "text/csv", CSV);

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-w", "-d", "testdb", "-f", "csv", "SELECT 1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).contains("  (restarting; trying again)");
        assertThat(result.stdout()).isEqualTo(CSV);
    }

    @Test
    void stopsWaitingWhenTheJobDisappears() {
        server.sequence("GET", "/v3/job/status/1", FakeTdServer.jsonResponse(200, Jobs.status("1", "running")),
                FakeTdServer.jsonResponse(404, "{\"error\":\"Resource not found\",\"text\":\"Couldn't find Job with id = 1\"}"));
        server.json("GET", "/v3/job/show/1", Jobs.show("1", "running", ""));

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-w", "-d", "testdb", "SELECT 1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).endsWith("Error: Couldn't find Job with id = 1\n");
    }

    @Test
    void passesALargeResultThroughByteForByte() {
        StringBuilder csv = new StringBuilder("n,label\r\n");
        for (int i = 0; i < 200_000; i++) {
            csv.append(i).append(",row ").append(i).append("\r\n");
        }
        server.respond("GET", "/v3/job/result/1", 200, "text/csv", csv.toString());

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-w", "-d", "testdb", "-f", "csv", "SELECT 1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdoutBytes()).isEqualTo(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void drawsATableOfManyRowsWithoutWaitingForTheEnd() {
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            json.append("[\"").append(i).append("\",").append(i % 7 == 0 ? "null" : "\"x\"").append("]\n");
        }
        server.respond("GET", "/v3/job/result/1", 200, "application/json", json.toString());

        Td.Result result = Td.run(Td.envFor(server, dir), "query", "-w", "-d", "testdb", "SELECT 1");

        assertThat(result.exitCode()).isZero();
        // Widths come from the first 1,000 rows (up to "999"); later, wider cells run over their column.
        assertThat(result.stdout()).startsWith("+-----+------+\n| _c0 | _c1  |\n+-----+------+\n| 0   | null |\n")
                .contains("| 999 | x    |\n| 1000 | x    |\n", "| 4999 | x    |\n")
                .endsWith("+-----+------+\n5000 rows in set\n");
    }
}
