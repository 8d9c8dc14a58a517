package io.tideway.query.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.query.JsonApi;
import io.tideway.query.RunningService;
import io.tideway.query.TopicReader;
import io.tideway.schemas.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The schedule API in Treasure Data's shapes, over a real broker and DuckDB, as the td CLI calls it (form posts). */
class ScheduleApiTest {

    private static final DateTimeFormatter TD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
    private static RunningService service;
    private static JsonApi api;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        api = new JsonApi(service);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void createsAScheduleAndAnswersItsFirstRunTime() {
        String name = unique("hourly");
        Instant before = Instant.now();

        JsonNode created = api.ok("/v3/schedule/create/" + name, "cron", "0 * * * *", "query", "SELECT 1",
                "database", "testdb", "type", "presto", "timezone", "Asia/Tokyo", "delay", "30");

        Instant start = parse(created.get("start").asText());
        assertThat(start).isAfter(before).isBeforeOrEqualTo(before.plus(Duration.ofHours(1)));
        assertThat(start.getEpochSecond() % 3600).isZero();
        assertThat(created.get("id").asText()).isNotEmpty();
        JsonNode listed = find(name);
        assertThat(listed.get("cron").asText()).isEqualTo("0 * * * *");
        assertThat(listed.get("timezone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(listed.get("delay").asInt()).isEqualTo(30);
        assertThat(listed.get("database").asText()).isEqualTo("testdb");
        assertThat(listed.get("result").asText()).isEmpty();
        assertThat(parse(listed.get("next_time").asText())).isAfter(before);
    }

    @Test
    void aScheduleWithoutCronHasNoStartAndRunsOnlyWhenAsked() {
        String name = unique("manual");

        JsonNode created = api.ok("/v3/schedule/create/" + name, "cron", "", "query",
                "SELECT TD_SCHEDULED_TIME() AS t", "database", "testdb");
        JsonNode run = api.ok("/v3/schedule/run/" + name + "/1767225600");

        assertThat(created.get("start").isNull()).isTrue();
        assertThat(run.get("jobs")).hasSize(1);
        assertThat(run.get("jobs").get(0).get("scheduled_at").asText()).isEqualTo("2026-01-01 00:00:00 UTC");
        String jobId = run.get("jobs").get(0).get("job_id").asText();
        awaitSuccess(jobId);
        assertThat(service.get("/v3/job/result/" + jobId + "?format=csv").body()).isEqualTo("1767225600\r\n");
    }

    static Stream<Arguments> badSchedules() {
        return Stream.of(
                Arguments.of("minute", 422, new String[] {"cron", "61 * * * *"}, "minute field '61'"),
                Arguments.of("hour", 422, new String[] {"cron", "0 5-1 * * *"}, "hour field"),
                Arguments.of("cron", 422, new String[] {"cron", "* * * *"}, "4 fields"),
                Arguments.of("timezone", 422, new String[] {"timezone", "Foo/Bar"}, "Unknown time zone 'Foo/Bar'"),
                Arguments.of("delay", 422, new String[] {"delay", "-5"}, "Delay must not be negative"),
                Arguments.of("type", 422, new String[] {"type", "pig"}, "Job type 'pig'"),
                Arguments.of("priority", 422, new String[] {"priority", "3"}, "Priority 3"),
                Arguments.of("query", 422, new String[] {"query", " "}, "Query must not be empty"),
                Arguments.of("database", 404, new String[] {"database", "nosuchdb"}, "Couldn't find database 'nosuchdb'"),
                Arguments.of("result", 422, new String[] {"result", "gopher://u:hunter2@host/x"}, "Unknown destination scheme"),
                Arguments.of("result", 404, new String[] {"result", "nosuchsaved:path.csv"}, "'nosuchsaved' does not exist"));
    }

    @ParameterizedTest(name = "{0} {3}")
    @MethodSource("badSchedules")
    void refusesABadFieldSayingWhichAndStoresNothing(String field, int status, String[] change, String text) {
        String name = unique("bad");
        long before = schedulesOnTopic();

        HttpResponse<String> response = api.post("/v3/schedule/create/" + name, with(change, "cron", "0 * * * *",
                "query", "SELECT 1", "database", "testdb"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JsonApi.json(response);
        assertThat(error.get("text").asText()).contains(text).doesNotContain("hunter2");
        if (status == 422) {
            assertThat(error.at("/details/field").asText()).isEqualTo(field);
        }
        assertThat(schedulesOnTopic()).isEqualTo(before);
        assertThat(names()).doesNotContain(name);
    }

    @Test
    void refusesABadNameAndAnExistingName() {
        String name = unique("twice");
        api.ok("/v3/schedule/create/" + name, "cron", "@daily", "query", "SELECT 1", "database", "testdb");

        HttpResponse<String> again = api.post("/v3/schedule/create/" + name, "cron", "@hourly", "query", "SELECT 2",
                "database", "testdb");
        HttpResponse<String> badName = api.post("/v3/schedule/create/bad.name", "cron", "@hourly", "query",
                "SELECT 2", "database", "testdb");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JsonApi.json(again).at("/details/conflicts_with").asText()).isEqualTo(name);
        assertThat(find(name).get("cron").asText()).isEqualTo("@daily");
        assertThat(badName.statusCode()).isEqualTo(422);
        assertThat(JsonApi.json(badName).get("text").asText()).contains("may hold only letters, digits");
    }

    @Test
    void updatesOnlyTheGivenFieldsAndRenames() {
        String name = unique("upd");
        String renamed = unique("renamed");
        JsonNode created = api.ok("/v3/schedule/create/" + name, "cron", "30 1 * * *", "query", "SELECT 1",
                "database", "testdb", "timezone", "America/New_York", "priority", "1");

        JsonNode updated = api.ok("/v3/schedule/update/" + name, "query", "SELECT 2");
        JsonNode moved = api.ok("/v3/schedule/update/" + name, "name", renamed);

        assertThat(updated.get("id").asText()).isEqualTo(created.get("id").asText());
        assertThat(updated.get("query").asText()).isEqualTo("SELECT 2");
        assertThat(updated.get("cron").asText()).isEqualTo("30 1 * * *");
        assertThat(updated.get("timezone").asText()).isEqualTo("America/New_York");
        assertThat(updated.get("priority").asInt()).isEqualTo(1);
        assertThat(moved.get("name").asText()).isEqualTo(renamed);
        assertThat(names()).contains(renamed).doesNotContain(name);
        assertThat(find(renamed).get("query").asText()).isEqualTo("SELECT 2");
        assertThat(api.post("/v3/schedule/update/" + name, "query", "SELECT 3").statusCode()).isEqualTo(404);
        assertThat(api.post("/v3/schedule/update/" + renamed, "delay", "-1").statusCode()).isEqualTo(422);
        assertThat(find(renamed).get("delay").asInt()).isZero();
    }

    @Test
    void countsAVersionOnlyWhenTheTimingChanges() {
        String name = unique("versioned");
        api.ok("/v3/schedule/create/" + name, "cron", "@daily", "query", "SELECT 1", "database", "testdb");

        api.ok("/v3/schedule/update/" + name, "query", "SELECT 2");
        long afterQuery = version(name);
        api.ok("/v3/schedule/update/" + name, "cron", "@hourly");
        long afterCron = version(name);
        api.ok("/v3/schedule/update/" + name, "delay", "60");
        long afterDelay = version(name);

        assertThat(List.of(afterQuery, afterCron, afterDelay)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void deletesAnsweringTheDeletedScheduleThenAnswers404() {
        String name = unique("gone");
        api.ok("/v3/schedule/create/" + name, "cron", "@daily", "query", "SELECT 42", "database", "testdb");

        JsonNode deleted = api.ok("/v3/schedule/delete/" + name);

        assertThat(deleted.get("cron").asText()).isEqualTo("@daily");
        assertThat(deleted.get("query").asText()).isEqualTo("SELECT 42");
        assertThat(names()).doesNotContain(name);
        assertThat(api.post("/v3/schedule/delete/" + name).statusCode()).isEqualTo(404);
        assertThat(api.post("/v3/schedule/run/" + name + "/1767225600").statusCode()).isEqualTo(404);
        assertThat(service.get("/v3/schedule/history/" + name).statusCode()).isEqualTo(404);
    }

    @Test
    void backfillsThreeTimesEachSeeingItsScheduledTimeAndListsThemInTheHistory() {
        String name = unique("backfill");
        api.ok("/v3/schedule/create/" + name, "cron", "0 * * * *", "query", "SELECT TD_SCHEDULED_TIME() AS t",
                "database", "testdb");
        long from = LocalDateTime.of(2026, 1, 1, 0, 30).toEpochSecond(ZoneOffset.UTC);

        JsonNode run = api.ok("/v3/schedule/run/" + name + "/" + from, "num", "3");

        List<String> jobIds = new ArrayList<>();
        List<String> times = new ArrayList<>();
        run.get("jobs").forEach(j -> {
            jobIds.add(j.get("job_id").asText());
            times.add(j.get("scheduled_at").asText());
        });
        assertThat(times).containsExactly("2026-01-01 01:00:00 UTC", "2026-01-01 02:00:00 UTC",
                "2026-01-01 03:00:00 UTC");
        assertThat(jobIds).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).startsWith("1." + name + ".").contains(".run"));
        for (int i = 0; i < 3; i++) {
            awaitSuccess(jobIds.get(i));
            long expected = from + 1800 + 3600L * i;
            assertThat(service.get("/v3/job/result/" + jobIds.get(i) + "?format=csv").body())
                    .isEqualTo(expected + "\r\n");
        }
        JsonNode history = api.get("/v3/schedule/history/" + name);
        assertThat(history.get("count").asInt()).isEqualTo(3);
        List<String> historyIds = new ArrayList<>();
        history.get("history").forEach(h -> {
            historyIds.add(h.get("job_id").asText());
            assertThat(h.get("status").asText()).isEqualTo("success");
            assertThat(h.get("query").asText()).contains("TD_SCHEDULED_TIME");
        });
        assertThat(historyIds).containsExactly(jobIds.get(2), jobIds.get(1), jobIds.get(0));
        assertThat(history.get("history").get(0).get("scheduled_at").asText()).isEqualTo("2026-01-01 03:00:00 UTC");
    }

    @Test
    void runningATimeAgainRunsANewJob() {
        String name = unique("rerun");
        api.ok("/v3/schedule/create/" + name, "cron", "@daily", "query", "SELECT TD_SCHEDULED_TIME() AS t",
                "database", "testdb");

        String first = api.ok("/v3/schedule/run/" + name + "/1767225600").at("/jobs/0/job_id").asText();
        awaitSuccess(first);
        String second = api.ok("/v3/schedule/run/" + name + "/1767225600").at("/jobs/0/job_id").asText();

        assertThat(second).isNotEqualTo(first);
        awaitSuccess(second);
        assertThat(service.get("/v3/job/result/" + second + "?format=csv").body()).isEqualTo("1767225600\r\n");
        assertThat(api.get("/v3/schedule/history/" + name).get("count").asInt()).isEqualTo(2);
    }

    @Test
    void anApiJobSeesItsRequestTimeAsTheScheduledTime() {
        long before = Instant.now().getEpochSecond();
        String jobId = api.ok("/v3/job/issue/presto/testdb", "query", "SELECT TD_SCHEDULED_TIME() AS t")
                .get("job_id").asText();
        long after = Instant.now().getEpochSecond();

        awaitSuccess(jobId);
        long seen = Long.parseLong(service.get("/v3/job/result/" + jobId + "?format=csv").body().strip());
        assertThat(seen).isBetween(before, after);
    }

    private static void awaitSuccess(String jobId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/v3/job/status/" + jobId).get("status").asText(),
                s -> s.equals("success") || s.equals("error"));
        assertThat(api.get("/v3/job/show/" + jobId).get("status").asText())
                .as(api.get("/v3/job/show/" + jobId).toString()).isEqualTo("success");
    }

    private static long version(String name) {
        return service.bean(Schedules.class).find("1", name).orElseThrow().getVersion();
    }

    private static JsonNode find(String name) {
        for (JsonNode s : api.get("/v3/schedule/list").get("schedules")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("No schedule " + name);
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        api.get("/v3/schedule/list").get("schedules").forEach(s -> names.add(s.get("name").asText()));
        return names;
    }

    private static long schedulesOnTopic() {
        try (TopicReader reader = new TopicReader(Topics.SCHEDULES)) {
            return reader.endOffsets();
        }
    }

    /** The base fields with {@code change} (name, value) replacing or adding one. */
    private static String[] with(String[] change, String... base) {
        List<String> fields = new ArrayList<>(List.of(base));
        int at = fields.indexOf(change[0]);
        if (at >= 0 && at % 2 == 0) {
            fields.set(at + 1, change[1]);
        } else {
            fields.add(change[0]);
            fields.add(change[1]);
        }
        return fields.toArray(String[]::new);
    }

    private static Instant parse(String tdTime) {
        return LocalDateTime.parse(tdTime, TD_TIME).toInstant(ZoneOffset.UTC);
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
