package io.tideway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code td sched:create|list|update|delete|history|run}. */
class SchedCommandsTest {

    static final String SCHEDULES = """
            {"schedules":[\
            {"id":"7","name":"hourly_count","cron":"0 * * * *","type":"presto","query":"SELECT COUNT(1)\\n  FROM www_access",\
            "timezone":"Asia/Tokyo","delay":30,"database":"testdb","user_name":"me","priority":1,"retry_limit":0,\
            "result":"ftp://reports:s3cret@127.0.0.1:2121/out.csv","next_time":"2026-11-22 01:00:00 UTC"},\
            {"id":"8","name":"manual","cron":"","type":"presto","query":"SELECT 1","timezone":"","delay":0,\
            "database":"testdb","priority":0,"retry_limit":0,"result":"myftp:path.csv","next_time":null}]}""";

    @TempDir
    Path dir;

    private FakeTdServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeTdServer().json("GET", "/v3/schedule/list", SCHEDULES);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createSendsTheFormFieldsAndPrintsTheFirstRunInTheSchedulesZone() {
        server.json("POST", "/v3/schedule/create/daily_report", """
                {"id":"9","name":"daily_report","cron":"0 0 * * *","timezone":"Asia/Tokyo",\
                "start":"2026-11-22 15:00:00 UTC"}""");

        Td.Result result = Td.run(Td.envFor(server, dir), "sched:create", "daily_report", "0 0 * * *",
                "SELECT COUNT(1) FROM www_access", "-d", "testdb", "-t", "Asia/Tokyo", "-D", "600",
                "-r", "myftp:daily.csv", "-P", "high", "-R", "2", "-T", "hive");

        assertThat(result.exitCode()).isZero();
        FakeTdServer.Request create = server.requests().get(0);
        assertThat(create.method() + " " + create.path()).isEqualTo("POST /v3/schedule/create/daily_report");
        assertThat(create.contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(create.form()).isEqualTo(Map.of("cron", "0 0 * * *", "query", "SELECT COUNT(1) FROM www_access",
                "database", "testdb", "type", "hive", "result", "myftp:daily.csv", "timezone", "Asia/Tokyo",
                "delay", "600", "priority", "1", "retry_limit", "2"));
        assertThat(result.stderr()).isEqualTo("Schedule 'daily_report' is created. "
                + "Its first schedule is 2026-11-23 00:00:00 Asia/Tokyo.\n");
    }

    @Test
    void createSendsOnlyWhatIsGivenReadsTheQueryFileAndDefaultsToPresto() throws IOException {
        server.json("POST", "/v3/schedule/create/hourly", "{\"name\":\"hourly\",\"start\":\"2026-11-22T01:00:00Z\"}");
        Path sql = Files.writeString(dir.resolve("q.sql"), "SELECT 1\n");

        Td.Result result = Td.run(Td.envFor(server, dir), "sched:create", "hourly", "@hourly", "-d", "testdb",
                "-q", sql.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests().get(0).form()).isEqualTo(Map.of("cron", "@hourly", "query", "SELECT 1",
                "database", "testdb", "type", "presto"));
        assertThat(result.stderr()).isEqualTo("Schedule 'hourly' is created. "
                + "Its first schedule is 2026-11-22 01:00:00 UTC.\n");
    }

    @Test
    void createWithAnEmptyCronSaysItRunsOnlyBySchedRun() {
        server.json("POST", "/v3/schedule/create/manual", "{\"name\":\"manual\",\"cron\":\"\",\"start\":null}");

        Td.Result result = Td.run(Td.envFor(server, dir), "sched:create", "manual", "", "SELECT 1", "-d", "testdb");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests().get(0).form()).containsEntry("cron", "");
        assertThat(result.stderr()).isEqualTo("Schedule 'manual' is created. "
                + "It has no cron, so it runs only by 'td sched:run manual TIME'.\n");
    }

    @Test
    void createShowsTheServersCronErrorAndExitsOne() {
        server.sequence("POST", "/v3/schedule/create/bad", FakeTdServer.jsonResponse(400, """
                {"error":"Bad request","text":"Invalid cron '61 * * * *': minute field: 61 is out of range 0-59",\
                "severity":"error"}"""));

        Td.Result result = Td.run(Td.envFor(server, dir), "sched:create", "bad", "61 * * * *", "SELECT 1",
                "-d", "testdb");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("Error: Invalid cron '61 * * * *': minute field: 61 is out of "
                + "range 0-59\n");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void createWithoutADatabaseOrAQueryIsAUsageError() {
        Td.Result noDb = Td.run(Td.envFor(server, dir), "sched:create", "x_sched", "@daily", "SELECT 1");
        Td.Result noQuery = Td.run(Td.envFor(server, dir), "sched:create", "x_sched", "@daily", "-d", "testdb");

        assertThat(noDb.exitCode()).isEqualTo(2);
        assertThat(noDb.stderr()).contains("Missing required option: '--database=DB_NAME'");
        assertThat(noQuery.exitCode()).isEqualTo(2);
        assertThat(noQuery.stderr()).contains("<SQL> argument or -q, --query PATH option is required");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void listShowsEachScheduleWithItsNextTimeInItsZoneAndMasksPasswords() {
        Td.Result result = Td.run(Td.envFor(server, dir), "sched:list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("""
                +--------------+-----------+------------+--------------------------------+-------+----------+------------------------------------------+----------+---------------------------------+
                | Name         | Cron      | Timezone   | Next schedule                  | Delay | Priority | Result                                   | Database | Query                           |
                +--------------+-----------+------------+--------------------------------+-------+----------+------------------------------------------+----------+---------------------------------+
                | hourly_count | 0 * * * * | Asia/Tokyo | 2026-11-22 10:00:00 Asia/Tokyo | 30    | HIGH     | ftp://reports:***@127.0.0.1:2121/out.csv | testdb   | SELECT COUNT(1) FROM www_access |
                | manual       |           |            |                                | 0     | NORMAL   | myftp:path.csv                           | testdb   | SELECT 1                        |
                +--------------+-----------+------------+--------------------------------+-------+----------+------------------------------------------+----------+---------------------------------+
                2 rows in set
                """);
        assertThat(result.stdout()).doesNotContain("s3cret");
    }

    @Test
    void updateSendsOnlyTheChangedFields() {
        server.json("POST", "/v3/schedule/update/hourly_count", "{\"id\":\"7\",\"name\":\"hourly_total\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "sched:update", "hourly_count", "-n", "hourly_total",
                "-s", "@daily", "-q", "SELECT 2", "-t", "UTC", "-D", "0", "-r", "mydb:output_table");

        assertThat(result.exitCode()).isZero();
        FakeTdServer.Request update = server.requests().get(0);
        assertThat(update.path()).isEqualTo("/v3/schedule/update/hourly_count");
        assertThat(update.form()).isEqualTo(Map.of("name", "hourly_total", "cron", "@daily", "query", "SELECT 2",
                "timezone", "UTC", "delay", "0", "result", "mydb:output_table"));
        assertThat(result.stderr()).isEqualTo("Schedule 'hourly_count' is updated and renamed to 'hourly_total'.\n");
    }

    @Test
    void updateWithNothingToChangeIsAUsageError() {
        Td.Result result = Td.run(Td.envFor(server, dir), "sched:update", "hourly_count");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("Error: nothing to change");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void updateOfAnUnknownScheduleShowsTheApisMessage() {
        server.respond("POST", "/v3/schedule/update/nope", 404, "application/json",
                "{\"error\":\"Resource not found\",\"text\":\"Schedule 'nope' does not exist\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "sched:update", "nope", "-s", "@daily");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).isEqualTo("Error: Schedule 'nope' does not exist\n");
    }

    @Test
    void deletePostsToTheDeletePath() {
        server.json("POST", "/v3/schedule/delete/hourly_count", "{\"name\":\"hourly_count\",\"cron\":\"0 * * * *\"}");

        Td.Result result = Td.run(Td.envFor(server, dir), "sched:delete", "hourly_count");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /v3/schedule/delete/hourly_count");
        assertThat(result.stderr()).isEqualTo("Schedule 'hourly_count' is deleted.\n");
    }

    @Test
    void historyAsksForAPageAndShowsAtMostMaxJobs() {
        server.json("GET", "/v3/schedule/history/hourly_count", """
                {"count":3,"from":0,"to":2,"history":[\
                {"job_id":"31","status":"success","type":"presto","database":"testdb","query":"SELECT 1",\
                "priority":0,"start_at":"2026-11-22 02:00:01 UTC","end_at":"2026-11-22 02:00:05 UTC","duration":4,\
                "result":"ftp://reports:s3cret@127.0.0.1:2121/out.csv","scheduled_at":"2026-11-22 02:00:00 UTC"},\
                {"job_id":"30","status":"error","type":"presto","database":"testdb","query":"SELECT 1",\
                "priority":1,"start_at":"2026-11-22 01:00:01 UTC","end_at":"2026-11-22 01:01:06 UTC","duration":65,\
                "result":"","scheduled_at":"2026-11-22 01:00:00 UTC"},\
                {"job_id":"29","status":"success","query":"SELECT 1","scheduled_at":"2026-11-22 00:00:00 UTC"}]}""");

        Td.Result result = Td.run(Td.envFor(server, dir), "sched:history", "hourly_count", "2");

        assertThat(result.exitCode()).isZero();
        FakeTdServer.Request history = server.requests().get(0);
        assertThat(history.method() + " " + history.path()).isEqualTo("GET /v3/schedule/history/hourly_count");
        assertThat(history.query()).isEqualTo(Map.of("from", "0", "to", "2"));
        assertThat(result.stdout()).isEqualTo("""
                +-------+-------------------------+---------+----------+-----------+------------------------------------------+
                | JobID | Time                    | Status  | Priority | Duration  | Result                                   |
                +-------+-------------------------+---------+----------+-----------+------------------------------------------+
                | 31    | 2026-11-22 02:00:00 UTC | success | NORMAL   |  4sec     | ftp://reports:***@127.0.0.1:2121/out.csv |
                | 30    | 2026-11-22 01:00:00 UTC | error   | HIGH     |  1m  5sec |                                          |
                +-------+-------------------------+---------+----------+-----------+------------------------------------------+
                2 rows in set
                """);
    }

    @Test
    void historyPagesWithSkipAndPage() {
        server.json("GET", "/v3/schedule/history/hourly_count", "{\"count\":0,\"from\":25,\"to\":35,\"history\":[]}");

        Td.Result result = Td.run(Td.envFor(server, dir), "sched:history", "hourly_count", "10", "-p", "2",
                "-s", "5");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests().get(0).query()).isEqualTo(Map.of("from", "25", "to", "35"));
    }

    @Test
    void runReadsAZoneLessTimeInTheSchedulesZone() {
        server.json("POST", "/v3/schedule/run/hourly_count/1795273200", """
                {"jobs":[{"job_id":"555","type":"presto","scheduled_at":"2026-11-21 15:00:00 UTC"},\
                {"job_id":"556","type":"presto","scheduled_at":"2026-11-21 16:00:00 UTC"}]}""");

        Td.Result result = Td.run(Td.envFor(server, dir), "sched:run", "hourly_count", "2026-11-22 00:00:00",
                "-n", "2");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).extracting(r -> r.method() + " " + r.path())
                .containsExactly("GET /v3/schedule/list", "POST /v3/schedule/run/hourly_count/1795273200");
        assertThat(server.requests().get(1).form()).isEqualTo(Map.of("num", "2"));
        assertThat(result.stderr()).isEqualTo("TIME '2026-11-22 00:00:00' has no zone: read in Asia/Tokyo, the "
                + "schedule's time zone.\nScheduled 2 jobs from 2026-11-22 00:00:00 Asia/Tokyo.\n");
        assertThat(result.stdout()).isEqualTo("""
                +-------+--------------------------------+
                | JobID | Time                           |
                +-------+--------------------------------+
                | 555   | 2026-11-22 00:00:00 Asia/Tokyo |
                | 556   | 2026-11-22 01:00:00 Asia/Tokyo |
                +-------+--------------------------------+
                2 rows in set
                """);
    }

    @Test
    void runReadsAZoneLessTimeInUtcWhenTheScheduleReportsNoZone() {
        server.json("POST", "/v3/schedule/run/manual/1795305600",
                "{\"jobs\":[{\"job_id\":\"557\",\"type\":\"presto\",\"scheduled_at\":\"2026-11-22 00:00:00 UTC\"}]}");

        Td.Result result = Td.run(Td.envFor(server, dir), "sched:run", "manual", "2026-11-22T00:00:00");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests("POST", "/v3/schedule/run/manual/1795305600")).singleElement()
                .satisfies(r -> assertThat(r.body()).isEmpty());
        assertThat(result.stderr()).isEqualTo("TIME '2026-11-22T00:00:00' has no zone and the schedule reports "
                + "none: read in UTC.\nScheduled 1 job from 2026-11-22 00:00:00 UTC.\n");
    }

    @Test
    void runTakesIsoTimesWithAZoneAndUnixSecondsAsTheyAre() {
        server.json("POST", "/v3/schedule/run/hourly_count/1795305600",
                "{\"jobs\":[{\"job_id\":\"558\",\"type\":\"presto\",\"scheduled_at\":\"2026-11-22 00:00:00 UTC\"}]}");

        for (String time : new String[] {"2026-11-22T00:00:00Z", "2026-11-22T09:00:00+09:00", "1795305600",
            "2026-11-22 00:00:00 UTC", "2026-11-22 09:00:00 Asia/Tokyo"}) {
            Td.Result result = Td.run(Td.envFor(server, dir), "sched:run", "hourly_count", time);
            assertThat(result.exitCode()).as(time).isZero();
        }

        assertThat(server.requests()).extracting(FakeTdServer.Request::path)
                .containsOnly("/v3/schedule/run/hourly_count/1795305600").hasSize(5);
    }

    @Test
    void runOfATimeThatIsNotATimeIsAUsageError() {
        Td.Result result = Td.run(Td.envFor(server, dir), "sched:run", "hourly_count", "next tuesday");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("Error: TIME 'next tuesday' is not a time: give unix seconds");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void runOfAnUnknownScheduleFails() {
        Td.Result zoneLess = Td.run(Td.envFor(server, dir), "sched:run", "nope", "2026-11-22 00:00:00");
        server.respond("POST", "/v3/schedule/run/nope/1795305600", 404, "application/json",
                "{\"error\":\"Resource not found\",\"text\":\"Schedule 'nope' does not exist\"}");
        Td.Result zoned = Td.run(Td.envFor(server, dir), "sched:run", "nope", "1795305600");

        assertThat(zoneLess.exitCode()).isEqualTo(1);
        assertThat(zoneLess.stderr()).isEqualTo("Error: Schedule 'nope' does not exist. Use 'td sched:list' to show "
                + "the schedules.\n");
        assertThat(zoned.exitCode()).isEqualTo(1);
        assertThat(zoned.stderr()).isEqualTo("Error: Schedule 'nope' does not exist\n");
    }
}
