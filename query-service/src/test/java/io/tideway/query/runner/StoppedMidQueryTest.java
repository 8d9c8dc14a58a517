package io.tideway.query.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.query.RunningService;
import io.tideway.query.TopicReader;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.ResultEnd;
import io.tideway.schemas.ResultMessage;
import io.tideway.schemas.RowBatch;
import io.tideway.schemas.Topics;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A service stopped in the middle of a job publishes nothing of it that a read-committed reader sees; the job's
 * offset stays uncommitted, so the next instance runs it again, and only that complete run becomes visible.
 */
class StoppedMidQueryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 1_000_000;

    @Test
    void aJobInterruptedByShutdownRunsAgainAndOnlyTheCompleteRunIsVisible() throws Exception {
        Path dataDir = Files.createTempDirectory("query-service-stop");
        Map<String, Object> settings = Map.of("tideway.query.batch-bytes", 16 * 1024, "tideway.query.runner.threads", 1);
        String jobId;
        try (RunningService first = RunningService.start(dataDir, settings)) {
            jobId = JSON.readTree(first.postForm("/v3/job/issue/presto/testdb", "query="
                    + URLEncoder.encode("SELECT i, repeat('x', 50) AS pad FROM range(" + ROWS + ") t(i)", StandardCharsets.UTF_8)
                    + "&result=" + URLEncoder.encode("ftp://u:p@127.0.0.1/out.csv", StandardCharsets.UTF_8)).body())
                    .get("job_id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(first.get("/v3/job/status/" + jobId).body())
                    .get("status").asText().equals("running"));
        }
        try (TopicReader results = new TopicReader(Topics.results("ftp"));
             TopicReader events = new TopicReader(Topics.JOB_EVENTS)) {
            assertThat(results.poll(jobId)).isEmpty();
            assertThat(events.poll(jobId)).extracting(r -> Topics.JOB_EVENT_SERDE.decode(r.value()).getType())
                    .doesNotContain(JobEventType.QUERY_FINISHED, JobEventType.QUERY_FAILED);
        }

        try (RunningService second = RunningService.start(dataDir, settings);
             TopicReader results = new TopicReader(Topics.results("ftp"))) {
            List<ResultMessage> messages = await().atMost(Duration.ofSeconds(120))
                    .until(() -> results.poll(jobId), StoppedMidQueryTest::endsWithResultEnd)
                    .stream().map(r -> Topics.RESULT_SERDE.decode(r.value())).toList();

            long rows = messages.stream().filter(m -> m.getBody() instanceof RowBatch)
                    .mapToLong(m -> ((RowBatch) m.getBody()).getRows().size()).sum();
            assertThat(rows).isEqualTo(ROWS);
            assertThat(((RowBatch) messages.get(1).getBody()).getSequence()).isZero();
            assertThat(messages.stream().filter(m -> !(m.getBody() instanceof RowBatch))).hasSize(2);
        }
    }

    private static boolean endsWithResultEnd(List<ConsumerRecord<String, byte[]>> records) {
        return !records.isEmpty()
                && Topics.RESULT_SERDE.decode(records.get(records.size() - 1).value()).getBody() instanceof ResultEnd;
    }
}
