package io.tideway.query.savedresults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.destination.SecretBox;
import io.tideway.query.JsonApi;
import io.tideway.query.RunningService;
import io.tideway.query.TopicReader;
import io.tideway.schemas.Destination;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.ResultHeader;
import io.tideway.schemas.ResultMessage;
import io.tideway.schemas.SavedResult;
import io.tideway.schemas.Topics;
import io.tideway.testing.SharedKafka;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Saved destinations: result:create/list/delete, NAME:path wherever a result is taken, resolution per run. */
class SavedResultsTest {

    private static final SecretBox SECRETS = SecretBox.fromBase64Key(RunningService.SECRET_KEY);
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
    void createsListsMaskedAndDeletes() {
        String name = unique("myftp");

        api.ok("/v3/result/create/" + name, "url", "ftp://report:hunter2@127.0.0.1:2121/reports/");
        HttpResponse<String> listed = service.get("/v3/result/list");
        HttpResponse<String> again = api.post("/v3/result/create/" + name, "url", "ftp://other:pw@host/x.csv");
        JsonNode deleted = api.ok("/v3/result/delete/" + name);
        HttpResponse<String> deletedAgain = api.post("/v3/result/delete/" + name);

        assertThat(listed.body()).doesNotContain("hunter2");
        assertThat(url(JsonApi.json(listed), name)).isEqualTo("ftp://report:***@127.0.0.1:2121/reports/");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(deleted.get("url").asText()).isEqualTo("ftp://report:***@127.0.0.1:2121/reports/");
        assertThat(deletedAgain.statusCode()).isEqualTo(404);
        assertThat(names()).doesNotContain(name);
        try (TopicReader reader = new TopicReader(Topics.SAVED_RESULTS)) {
            List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(30))
                    .until(() -> reader.poll("1/" + name), r -> r.size() == 2);
            assertThat(new String(records.get(0).value(), StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
            assertThat(records.get(1).value()).isNull();
        }
    }

    @Test
    void refusesAUrlThatDoesNotParseABadNameAndNoUrl() {
        HttpResponse<String> badPort = api.post("/v3/result/create/" + unique("bad"), "url",
                "ftp://u:hunter2@host:99999/x/");
        HttpResponse<String> badName = api.post("/v3/result/create/bad:name", "url", "ftp://u:p@host/x/");
        HttpResponse<String> noUrl = api.post("/v3/result/create/" + unique("nourl"));

        assertThat(badPort.statusCode()).isEqualTo(422);
        assertThat(JsonApi.json(badPort).get("text").asText()).contains("Bad port '99999'").doesNotContain("hunter2");
        assertThat(badName.statusCode()).isEqualTo(422);
        assertThat(noUrl.statusCode()).isEqualTo(422);
        assertThat(JsonApi.json(noUrl).get("text").asText()).contains("'url' is required");
    }

    @Test
    void resolvesNameAndPathForFtpWebAndTdWhenAJobIsIssued() {
        String ftp = unique("ftp");
        String web = unique("web");
        String td = unique("td");
        api.ok("/v3/result/create/" + ftp, "url", "ftp://report:hunter2@127.0.0.1:2121/reports/");
        api.ok("/v3/result/create/" + web, "url", "web://127.0.0.1:8081/base");
        api.ok("/v3/result/create/" + td, "url", "td://@/testdb");

        String ftpJob = issue(ftp + ":path.csv");
        String webJob = issue(web + ":path");
        String tdJob = issue(td + ":output_table");

        assertThat(result(ftpJob)).isEqualTo("ftp://report:***@127.0.0.1:2121/reports/path.csv");
        assertThat(result(webJob)).isEqualTo("web://127.0.0.1:8081/base/path");
        assertThat(result(tdJob)).isEqualTo("td://@/testdb/output_table");
        assertThat(SECRETS.open(request(ftpJob).getDestination().getSealedUrl()))
                .isEqualTo("ftp://report:hunter2@127.0.0.1:2121/reports/path.csv");
        assertThat(request(tdJob).getDestination().getScheme()).isEqualTo("td");
    }

    @Test
    void refusesAnUnknownNameAndAnIncompleteDestination() {
        String td = unique("tdbase");
        api.ok("/v3/result/create/" + td, "url", "td://@/testdb");

        HttpResponse<String> unknown = api.post("/v3/job/issue/presto/testdb", "query", "SELECT 1",
                "result", "nosuchname:path.csv");
        HttpResponse<String> incomplete = api.post("/v3/job/issue/presto/testdb", "query", "SELECT 1",
                "result", td);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JsonApi.json(unknown).get("text").asText()).contains("Result URL 'nosuchname' does not exist");
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(JsonApi.json(incomplete).get("text").asText()).contains("not a complete destination")
                .contains(td + ":PATH");
    }

    @Test
    void aScheduleUsesTheSavedDestinationAsItIsWhenTheJobRuns() {
        String saved = unique("runtime");
        String schedule = unique("sched_saved");
        api.ok("/v3/result/create/" + saved, "url", "ftp://first:pw1@127.0.0.1:2121/one/");
        JsonNode created = api.ok("/v3/schedule/create/" + schedule, "cron", "@daily", "query", "SELECT 1 AS one",
                "database", "testdb", "result", saved + ":out.csv");
        api.ok("/v3/result/delete/" + saved);
        api.ok("/v3/result/create/" + saved, "url", "ftp://second:pw2@127.0.0.1:2121/two/");

        String jobId = api.ok("/v3/schedule/run/" + schedule + "/1767225600").at("/jobs/0/job_id").asText();

        assertThat(created.get("result").asText()).isEqualTo(saved + ":out.csv");
        ResultHeader header = header(jobId);
        assertThat(SECRETS.open(header.getDestination().getSealedUrl()))
                .isEqualTo("ftp://second:pw2@127.0.0.1:2121/two/out.csv");
        assertThat(header.getDestination().getMaskedUrl()).isEqualTo("ftp://second:***@127.0.0.1:2121/two/out.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> result(jobId),
                r -> r.equals("ftp://second:***@127.0.0.1:2121/two/out.csv"));
    }

    @Test
    void aSameAccountTableIsSealedWithTheCreatorsKeyAndWrittenWithItWhenAScheduleRuns() {
        String saved = unique("mydb");
        String viaSaved = unique("sched_mydb");
        String direct = unique("sched_td");
        api.ok("/v3/result/create/" + saved, "url", "td://@/testdb");
        api.ok("/v3/schedule/create/" + viaSaved, "cron", "", "query", "SELECT 1 AS one", "database", "testdb",
                "result", saved + ":output_table");
        api.ok("/v3/schedule/create/" + direct, "cron", "", "query", "SELECT 1 AS one", "database", "testdb",
                "result", "td://@/testdb/direct_table?mode=replace");

        String viaSavedJob = api.ok("/v3/schedule/run/" + viaSaved + "/1767225600").at("/jobs/0/job_id").asText();
        String directJob = api.ok("/v3/schedule/run/" + direct + "/1767225600").at("/jobs/0/job_id").asText();

        String endpoint = "@127.0.0.1:" + service.port();
        ResultHeader viaSavedHeader = header(viaSavedJob, "td");
        assertThat(SECRETS.open(viaSavedHeader.getDestination().getSealedUrl()))
                .isEqualTo("td://" + RunningService.API_KEY + endpoint + "/testdb/output_table?mode=append");
        assertThat(viaSavedHeader.getDestination().getMaskedUrl()).isEqualTo("td://@/testdb/output_table");
        ResultHeader directHeader = header(directJob, "td");
        assertThat(SECRETS.open(directHeader.getDestination().getSealedUrl()))
                .isEqualTo("td://" + RunningService.API_KEY + endpoint + "/testdb/direct_table?mode=replace");
        assertThat(directHeader.getDestination().getMaskedUrl()).isEqualTo("td://@/testdb/direct_table?mode=replace");
        assertThat(url(api.get("/v3/result/list"), saved)).isEqualTo("td://@/testdb");
        assertThat(service.get("/v3/result/list").body()).doesNotContain(RunningService.API_KEY);
        assertThat(service.get("/v3/schedule/list").body()).doesNotContain(RunningService.API_KEY)
                .contains("td://@/testdb/direct_table?mode=replace");
        assertThat(service.get("/v3/job/show/" + viaSavedJob).body()).doesNotContain(RunningService.API_KEY);
        try (TopicReader reader = new TopicReader(Topics.SAVED_RESULTS)) {
            byte[] stored = await().atMost(Duration.ofSeconds(30))
                    .until(() -> reader.poll("1/" + saved), r -> !r.isEmpty()).get(0).value();
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(RunningService.API_KEY);
            assertThat(SECRETS.open(Topics.SAVED_RESULT_SERDE.decode(stored).getDestination().getSealedUrl()))
                    .isEqualTo("td://" + RunningService.API_KEY + "@/testdb");
        }
    }

    @Test
    void aTableDestinationSavedWithoutAKeyFailsItsJobSayingToGiveItAgain() throws Exception {
        String saved = unique("keyless");
        String schedule = unique("sched_keyless");
        SavedResult keyless = SavedResult.newBuilder().setAccountId("1").setName(saved)
                .setDestination(Destination.newBuilder().setScheme("td").setMaskedUrl("td://@/testdb")
                        .setSealedUrl(SECRETS.seal("td://@/testdb")).build())
                .setCreatedAt(Instant.ofEpochMilli(System.currentTimeMillis())).build();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SAVED_RESULTS, "1/" + saved,
                    Topics.SAVED_RESULT_SERDE.encode(keyless))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> names().contains(saved));
        api.ok("/v3/schedule/create/" + schedule, "cron", "", "query", "SELECT 1", "database", "testdb",
                "result", saved + ":keyless_table");

        String jobId = api.ok("/v3/schedule/run/" + schedule + "/1767225600").at("/jobs/0/job_id").asText();

        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/v3/job/status/" + jobId).get("status").asText(),
                s -> s.equals("error"));
        assertThat(api.get("/v3/job/show/" + jobId).at("/debug/stderr").asText())
                .contains("td://@/testdb/keyless_table was saved without the API key");
    }

    @Test
    void aScheduledJobWhoseSavedDestinationWasDeletedEndsInError() {
        String saved = unique("deleted");
        String schedule = unique("sched_deleted");
        api.ok("/v3/result/create/" + saved, "url", "web://127.0.0.1:8081/base");
        api.ok("/v3/schedule/create/" + schedule, "cron", "", "query", "SELECT 1", "database", "testdb",
                "result", saved + ":x");
        api.ok("/v3/result/delete/" + saved);

        String jobId = api.ok("/v3/schedule/run/" + schedule + "/1767225600").at("/jobs/0/job_id").asText();

        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/v3/job/status/" + jobId).get("status").asText(),
                s -> s.equals("error"));
        assertThat(api.get("/v3/job/show/" + jobId).at("/debug/stderr").asText())
                .contains("Result URL '" + saved + "' does not exist");
    }

    private static String issue(String result) {
        return api.ok("/v3/job/issue/presto/testdb", "query", "SELECT 1", "result", result).get("job_id").asText();
    }

    private static String result(String jobId) {
        return api.get("/v3/job/show/" + jobId).get("result").asText();
    }

    private static JobRequest request(String jobId) {
        try (TopicReader reader = new TopicReader(Topics.JOBS)) {
            return Topics.JOB_REQUEST_SERDE.decode(await().atMost(Duration.ofSeconds(30))
                    .until(() -> reader.poll(jobId), r -> !r.isEmpty()).get(0).value());
        }
    }

    private static ResultHeader header(String jobId) {
        return header(jobId, "ftp");
    }

    private static ResultHeader header(String jobId, String scheme) {
        try (TopicReader reader = new TopicReader(Topics.results(scheme))) {
            ResultMessage first = Topics.RESULT_SERDE.decode(await().atMost(Duration.ofSeconds(60))
                    .until(() -> reader.poll(jobId), r -> !r.isEmpty()).get(0).value());
            return (ResultHeader) first.getBody();
        }
    }

    private static String url(JsonNode list, String name) {
        for (JsonNode r : list.get("results")) {
            if (r.get("name").asText().equals(name)) {
                return r.get("url").asText();
            }
        }
        throw new AssertionError("No saved result " + name + " in " + list);
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        api.get("/v3/result/list").get("results").forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
