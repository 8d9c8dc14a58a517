package io.tideway.query.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.destination.DestinationUrl;
import io.tideway.destination.SecretBox;
import io.tideway.query.RunningService;
import io.tideway.query.TopicReader;
import io.tideway.schemas.JobRequest;
import io.tideway.schemas.Topics;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A same-account table destination is sealed with the submitter's key and this service's public endpoint, so the
 * td-writer can deliver through the API; the URL shown stays as the user wrote it.
 */
class TableDestinationSealingTest {

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
    void sealsTheSubmittersKeyAndThePublicEndpointIntoASameAccountTdUrl() throws Exception {
        String jobId = issue("td://@/testdb/output_table?mode=replace", RunningService.API_KEY).get("job_id").toString();

        JobRequest request = jobRequest(jobId);
        String sealed = SecretBox.fromBase64Key(RunningService.SECRET_KEY).open(request.getDestination().getSealedUrl());

        assertThat(sealed).isEqualTo("td://" + RunningService.API_KEY + "@127.0.0.1:" + service.port()
                + "/testdb/output_table?mode=replace");
        DestinationUrl parsed = DestinationUrl.parse(sealed);
        assertThat(parsed.user()).contains(RunningService.API_KEY);
        assertThat(parsed.host()).isEqualTo("127.0.0.1");
        assertThat(parsed.port()).isEqualTo(service.port());
        assertThat(request.getDestination().getMaskedUrl()).isEqualTo("td://@/testdb/output_table?mode=replace");
        assertThat(service.get("/v3/job/show/" + jobId).body())
                .contains("td://@/testdb/output_table?mode=replace").doesNotContain(RunningService.API_KEY);
    }

    @Test
    void addsTheDefaultModeAndKeepsAnotherTidewaysUrlAsWritten() throws Exception {
        String append = issue("td://@/testdb/appended", RunningService.API_KEY).get("job_id").toString();
        String remoteUrl = "td://2/0123456789abcdef0123456789abcdef01234567@tideway.example.com:8443/db_x/t_y?mode=append";
        String remote = issue(remoteUrl, RunningService.API_KEY).get("job_id").toString();

        SecretBox box = SecretBox.fromBase64Key(RunningService.SECRET_KEY);
        assertThat(box.open(jobRequest(append).getDestination().getSealedUrl())).isEqualTo("td://"
                + RunningService.API_KEY + "@127.0.0.1:" + service.port() + "/testdb/appended?mode=append");
        assertThat(box.open(jobRequest(remote).getDestination().getSealedUrl())).isEqualTo(remoteUrl);
        assertThat(jobRequest(remote).getDestination().getMaskedUrl())
                .isEqualTo("td://***@tideway.example.com:8443/db_x/t_y?mode=append");
    }

    @Test
    void refusesBadDatabaseOrTableNamesWith400() throws Exception {
        for (String url : List.of("td://@/testdb/Bad-Table", "td://@/no/good_table", "td://@/testdb")) {
            HttpResponse<String> response = post(url, RunningService.API_KEY);

            assertThat(response.statusCode()).as(url).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).get("text").asText()).as(url).contains(url);
        }
    }

    private static Map<?, ?> issue(String resultUrl, String key) throws Exception {
        HttpResponse<String> response = post(resultUrl, key);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readValue(response.body(), Map.class);
    }

    private static HttpResponse<String> post(String resultUrl, String key) {
        return service.call("POST", "/v3/job/issue/presto/testdb?query=SELECT+1&result="
                + URLEncoder.encode(resultUrl, StandardCharsets.UTF_8), key, null);
    }

    private static JobRequest jobRequest(String jobId) {
        try (TopicReader reader = new TopicReader(Topics.JOBS)) {
            return Topics.JOB_REQUEST_SERDE.decode(await().atMost(Duration.ofSeconds(30))
                    .until(() -> reader.poll(jobId), r -> !r.isEmpty()).get(0).value());
        }
    }
}
