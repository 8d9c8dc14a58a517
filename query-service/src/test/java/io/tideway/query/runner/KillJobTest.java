package io.tideway.query.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.query.RunningService;
import io.tideway.query.TopicReader;
import io.tideway.schemas.Topics;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A killed job stops between batches; its partial result never becomes visible. */
class KillJobTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String URL = "ftp://user:password@127.0.0.1:2121/out/huge.csv";
    private static RunningService service;

    @BeforeAll
    static void start() throws Exception {
        service = RunningService.start(Files.createTempDirectory("query-service-kill"),
                Map.of("tideway.query.batch-bytes", 16 * 1024, "tideway.query.runner.threads", 1));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void killingARunningJobStopsItAndPublishesNoResult() throws Exception {
        String huge = issue("SELECT i, repeat('x', 200) AS pad FROM range(1000000000) t(i)", URL);
        await().atMost(Duration.ofSeconds(60)).until(() -> status(huge).equals("running"));

        String former = JSON.readTree(service.postForm("/v3/job/kill/" + huge, "").body()).get("former_status").asText();
        String next = issue("SELECT 1", null);

        assertThat(former).isEqualTo("running");
        assertThat(status(huge)).isEqualTo("killed");
        await().atMost(Duration.ofSeconds(60)).until(() -> status(next).equals("success"));
        try (TopicReader results = new TopicReader(Topics.results("ftp"))) {
            assertThat(results.poll(huge)).isEmpty();
        }
    }

    private static String issue(String sql, String result) throws Exception {
        String form = "query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)
                + (result == null ? "" : "&result=" + URLEncoder.encode(result, StandardCharsets.UTF_8));
        return JSON.readTree(service.postForm("/v3/job/issue/presto/testdb", form).body()).get("job_id").asText();
    }

    private static String status(String jobId) throws Exception {
        return JSON.readTree(service.get("/v3/job/status/" + jobId).body()).get("status").asText();
    }
}
