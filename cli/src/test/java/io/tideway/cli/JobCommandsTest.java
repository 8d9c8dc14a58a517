package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code td job:show}, {@code td job:list}, {@code td job:kill}. */
class JobCommandsTest {

    static final String SCHEMA =
            "\"hive_result_schema\":\"[[\\\"code\\\",\\\"varchar\\\"],[\\\"cnt\\\",\\\"bigint\\\"]]\"";

    @TempDir
    Path dir;

    @RegisterExtension
    final FakeTdServer server = FakeTdServer.perTest();

    @Test
    void jobShowPrintsTheFieldsAndThenTheResultAsATable() {
        server.json("GET", "/v3/job/show/1", Jobs.show("1", "success", "\"num_records\":2,\"result_size\":40,"
                + "\"priority\":1,\"retry_limit\":2,\"end_at\":\"2026-01-02 03:04:08 UTC\",\"duration\":2," + SCHEMA));
        server.respond("GET", "/v3/job/result/1", 200, "application/json", "[\"200\",9]\n[\"404\",1]\n");

        Td.Result result = Td.run(Td.envFor(server, dir), "job:show", "1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("""
                JobID       : 1
                Status      : success
                Type        : presto
                Database    : testdb
                Priority    : HIGH
                Retry limit : 2
                Output      :\s
                Query       : SELECT v['code'] AS code, COUNT(1) AS cnt FROM www_access GROUP BY v['code']
                Result size : 40 bytes
                Result rows : 2
                Created     : 2026-01-02 03:04:05 UTC
                Start       : 2026-01-02 03:04:06 UTC
                End         : 2026-01-02 03:04:08 UTC
                Duration    :  2sec
                Result      :
                +------+-----+
                | code | cnt |
                +------+-----+
                | 200  | 9   |
                | 404  | 1   |
                +------+-----+
                2 rows in set
                """);
        assertThat(server.requests("GET", "/v3/job/show/1").get(0).authorization())
                .isEqualTo("TD1 " + FakeTdServer.API_KEY);
    }

    @Test
    void jobShowWithAFormatKeepsStandardOutputForTheResultBytes() {
        server.json("GET", "/v3/job/show/1", Jobs.show("1", "success", "\"num_records\":2," + SCHEMA));
        server.respond("GET", "/v3/job/result/1", 200, "text/csv", "200,9\r\n404,1\r\n");

        Td.Result result = Td.run(Td.envFor(server, dir), "job:show", "1", "-f", "csv");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("200,9\r\n404,1\r\n");
        assertThat(result.stderr()).contains("JobID       : 1", "Result      :");
    }

    @Test
    void jobShowPrintsTheTimeSpentInEachStage() {
        server.json("GET", "/v3/job/show/3", Jobs.show("3", "success", "\"num_records\":1,"
                + "\"result\":\"ftp://u:***@example.com/out.csv\",\"stage_durations\":{\"queued\":0.012,"
                + "\"query\":1.5,\"publish\":0.05,\"delivery\":12.345}"));

        Td.Result result = Td.run(Td.envFor(server, dir), "job:show", "3");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains(
                "Timings     : queued 0.012s, query 1.500s, publish 0.050s, delivery 12.345s\n");
    }

    @Test
    void jobShowOfADeliveredJobShowsTheMaskedDestinationAndDoesNotReadTheResult() {
        server.json("GET", "/v3/job/show/3", Jobs.show("3", "success", "\"num_records\":100,"
                + "\"result\":\"web://u:***@example.com/in\",\"delivered_rows\":90,\"dropped_rows\":10"));

        Td.Result result = Td.run(Td.envFor(server, dir), "job:show", "3");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("Output      : web://u:***@example.com/in\n",
                "Result rows : 100\n", "Delivered   : 90 rows\n", "Dropped     : 10 rows\n");
        assertThat(result.stdout()).doesNotContain("Result      :");
        assertThat(server.requests("GET", "/v3/job/result/3")).isEmpty();
    }

    @Test
    void jobShowOfAFailedJobShowsTheError() {
        server.json("GET", "/v3/job/show/4", Jobs.show("4", "error",
                "\"result\":\"ftp://user:***@h/x.csv\",\"debug\":{\"stderr\":\"530 Login incorrect.\"}"));

        Td.Result result = Td.run(Td.envFor(server, dir), "job:show", "4");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("Status      : error\n", "Error       :\n  530 Login incorrect.\n");
        assertThat(server.requests("GET", "/v3/job/result/4")).isEmpty();
    }

    @Test
    void jobShowOfAnUnknownJobShowsTheApisMessage() {
        server.respond("GET", "/v3/job/show/999", 404, "application/json",
                "{\"error\":\"Resource not found\",\"text\":\"Couldn't find Job with id = 999\",\"severity\":\"error\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "job:show", "999");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("Error: Couldn't find Job with id = 999\n");
    }

    @Test
    void jobListAsksForTheRequestedPageAndPrintsATable() {
        server.json("GET", "/v3/job/list", """
                {"count":2,"from":10,"to":14,"jobs":[%s,%s]}""".formatted(
                Jobs.show("12", "running", "\"priority\":-2,\"result\":\"ftp://a:***@h/x.csv\""),
                Jobs.show("11", "success", "\"end_at\":\"2026-01-02 03:05:10 UTC\",\"duration\":64")));

        Td.Result result = Td.run(Td.envFor(server, dir), "job:list", "5", "--page", "2");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests("GET", "/v3/job/list").get(0).query())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("from", "10", "to", "14"));
        String[] lines = result.stdout().split("\n");
        assertThat(lines[1]).matches("\\| JobID +\\| Status +\\| Start +\\| Elapsed +\\| Priority +\\| Result +"
                + "\\| Type +\\| Database +\\| Query +\\|");
        assertThat(lines[3]).startsWith("| 12    | running | 2026-01-02 03:04:06 UTC |")
                .contains("| 12    | running | 2026-01-02 03:04:06 UTC |           | VERY LOW |", "| ftp://a:***@h/x.csv |", "SELECT v['code'] AS code, COUNT(1) AS cnt FROM www ...");
        assertThat(lines[4]).contains("| 11    | success |", " 1m  4sec ", "| NORMAL ");
        assertThat(lines[6]).isEqualTo("2 rows in set");
    }

    @Test
    void jobListAsksForTwentyJobsByDefault() {
        server.json("GET", "/v3/job/list", "{\"count\":0,\"from\":0,\"to\":19,\"jobs\":[]}");

        Td.Result result = Td.run(Td.envFor(server, dir), "job:list");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests("GET", "/v3/job/list").get(0).query()).containsEntry("from", "0")
                .containsEntry("to", "19");
        assertThat(result.stdout()).endsWith("0 rows in set\n");
    }

    @Test
    void jobKillPostsAndSaysWhatHappened() {
        server.json("POST", "/v3/job/kill/7", "{\"job_id\":\"7\",\"former_status\":\"running\"}");
        server.json("POST", "/v3/job/kill/8", "{\"job_id\":\"8\",\"former_status\":\"queued\"}");
        server.json("POST", "/v3/job/kill/9", "{\"job_id\":\"9\",\"former_status\":\"success\"}");

        assertThat(Td.run(Td.envFor(server, dir), "job:kill", "7").stderr()).isEqualTo("Job 7 is killed.\n");
        assertThat(Td.run(Td.envFor(server, dir), "job:kill", "8").stderr()).isEqualTo("Job 8 is canceled.\n");
        assertThat(Td.run(Td.envFor(server, dir), "job:kill", "9").stderr())
                .isEqualTo("Job 9 is already finished (success)\n");
        assertThat(server.requests("POST", "/v3/job/kill/7")).singleElement()
                .satisfies(r -> assertThat(r.body()).isEmpty());
    }

    @Test
    void jobShowSaysSoWhenTheResultIsGone() {
        server.json("GET", "/v3/job/show/5", Jobs.show("5", "success", ""));
        server.respond("GET", "/v3/job/result/5", 404, "application/json",
                "{\"error\":\"Resource not found\",\"text\":\"Result of job 5 is not available\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "job:show", "5");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).endsWith("Result      :\n  (no result to show: Result of job 5 is not available)\n");
    }
}
