package io.tideway.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.query.RunningService;
import io.tideway.query.TopicReader;
import io.tideway.schemas.Topics;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad requests are refused before anything is published, with Treasure Data's error body. */
class JobValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void refusesAnEmptyQueryWith400() throws Exception {
        HttpResponse<String> response = issue("testdb", "query=%20%20");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("Query must not be empty");
    }

    @Test
    void refusesAMissingQueryWith400() throws Exception {
        HttpResponse<String> response = issue("testdb", "priority=0");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("Query must not be empty");
    }

    @Test
    void refusesAnUnknownDatabaseWith404AndPublishesNothing() throws Exception {
        long before = jobsOnTopic();

        HttpResponse<String> response = issue("nosuchdb", "query=SELECT+1");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(text(response)).isEqualTo("Couldn't find database 'nosuchdb'");
        assertThat(jobsOnTopic()).isEqualTo(before);
    }

    @Test
    void refusesAMalformedResultUrlWithTheParsersMessage() throws Exception {
        HttpResponse<String> response = issue("testdb", "query=SELECT+1&result="
                + URLEncoder.encode("ftp://user:pw@host:99999/x.csv", StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("Bad port '99999'").doesNotContain("pw@");
    }

    @Test
    void refusesAnUnknownSchemeWithoutShowingThePassword() throws Exception {
        HttpResponse<String> response = issue("testdb", "query=SELECT+1&result="
                + URLEncoder.encode("gopher://user:hunter2@host/x", StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("Unknown destination scheme 'gopher'").doesNotContain("hunter2");
    }

    @Test
    void refusesAMissingApiKeyWith401() throws Exception {
        HttpResponse<String> response = service.send(HttpRequest.newBuilder(service.uri("/v3/job/list")).build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("severity").asText()).isEqualTo("error");
    }

    @Test
    void endsAFailingQueryInErrorWithTheEnginesMessage() throws Exception {
        HttpResponse<String> response = issue("testdb", "query=SELECT+*+FROM+no_such_table");
        String jobId = JSON.readTree(response.body()).get("job_id").asText();

        JsonNode job = await().atMost(Duration.ofSeconds(60))
                .until(() -> JSON.readTree(service.get("/v3/job/show/" + jobId).body()),
                        j -> j.get("status").asText().equals("error"));

        assertThat(job.get("debug").get("stderr").asText()).contains("no_such_table").contains("does not exist");
    }

    @Test
    void answersAnUnknownJobWith404() throws Exception {
        HttpResponse<String> response = service.get("/v3/job/show/999999999");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(text(response)).isEqualTo("Couldn't find Job with id = 999999999");
    }

    @Test
    void refusesAReusedDomainKeyWith409NamingTheFirstJob() throws Exception {
        HttpResponse<String> first = issue("testdb", "query=SELECT+1&domain_key=dk-409");
        HttpResponse<String> second = issue("testdb", "query=SELECT+1&domain_key=dk-409");

        String firstId = JSON.readTree(first.body()).get("job_id").asText();
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).get("details").get("conflicts_with").asText()).isEqualTo(firstId);
        assertThat(JSON.readTree(service.get("/v3/job/status_by_domain_key/dk-409").body()).get("job_id").asText())
                .isEqualTo(firstId);
    }

    private static HttpResponse<String> issue(String database, String form) {
        return service.postForm("/v3/job/issue/presto/" + database, form);
    }

    private static String text(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).get("text").asText();
    }

    private static long jobsOnTopic() {
        try (TopicReader reader = new TopicReader(Topics.JOBS)) {
            return reader.endOffsets();
        }
    }
}
