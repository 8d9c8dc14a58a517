package io.tideway.query.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.query.RunningService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Job state lives on the job-events topic and job ids in the data directory, so both survive a restart. */
class JobStateAcrossRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRestartedServiceShowsEarlierJobsAndContinuesTheirIds() throws Exception {
        Path dataDir = Files.createTempDirectory("query-service-restart");
        String firstId;
        try (RunningService before = RunningService.start(dataDir, Map.of())) {
            firstId = JSON.readTree(before.postForm("/v3/job/issue/presto/testdb", "query=SELECT+42+AS+answer").body())
                    .get("job_id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(before.get("/v3/job/status/" + firstId)
                    .body()).get("status").asText().equals("success"));
        }

        try (RunningService after = RunningService.start(dataDir, Map.of())) {
            JsonNode job = JSON.readTree(after.get("/v3/job/show/" + firstId).body());
            String csv = after.get("/v3/job/result/" + firstId + "?format=csv").body();
            String nextId = JSON.readTree(after.postForm("/v3/job/issue/presto/testdb", "query=SELECT+1").body())
                    .get("job_id").asText();

            assertThat(job.get("status").asText()).isEqualTo("success");
            assertThat(job.get("query").asText()).isEqualTo("SELECT 42 AS answer");
            assertThat(job.get("num_records").asLong()).isEqualTo(1);
            assertThat(csv).isEqualTo("42\r\n");
            assertThat(Long.parseLong(nextId)).isGreaterThan(Long.parseLong(firstId));
            assertThat(JSON.readTree(after.get("/v3/job/list").body()).get("jobs").get(0).get("job_id").asText())
                    .isEqualTo(nextId);
        }
    }
}
