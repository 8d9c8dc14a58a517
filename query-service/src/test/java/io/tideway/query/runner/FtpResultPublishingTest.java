package io.tideway.query.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.destination.SecretBox;
import io.tideway.query.RunningService;
import io.tideway.query.TopicReader;
import io.tideway.schemas.ResultEnd;
import io.tideway.schemas.ResultHeader;
import io.tideway.schemas.ResultMessage;
import io.tideway.schemas.RowBatch;
import io.tideway.schemas.Topics;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A job with an FTP destination puts its whole result on results.ftp, in one transaction, secrets sealed. */
class FtpResultPublishingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "s3cr#t-Pa55word";
    private static final String URL = "ftp://report:" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
            + "@127.0.0.1:2121/reports/path.csv";
    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start(tempDir(), Map.of("tideway.query.batch-bytes", 64 * 1024));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void publishesHeaderBatchesAndEndWithSealedDestination() throws Exception {
        String jobId = issue("SELECT v['code'] AS code, COUNT(1) AS cnt, 1.5 AS ratio, [1, 2] AS list, "
                + "true AS flag, NULL AS nothing FROM www_access GROUP BY v['code'] ORDER BY code", URL);

        List<ResultMessage> messages = awaitResult(jobId);

        ResultHeader header = (ResultHeader) messages.get(0).getBody();
        assertThat(header.getAccountId()).isEqualTo("1");
        assertThat(header.getColumnNames()).containsExactly("code", "cnt", "ratio", "list", "flag", "nothing");
        assertThat(header.getColumnTypes()).containsExactly("string", "long", "double", "array<long>", "boolean", "string");
        assertThat(header.getDestination().getScheme()).isEqualTo("ftp");
        assertThat(header.getDestination().getMaskedUrl()).isEqualTo("ftp://report:***@127.0.0.1:2121/reports/path.csv");
        assertThat(SecretBox.fromBase64Key(RunningService.SECRET_KEY).open(header.getDestination().getSealedUrl()))
                .isEqualTo(URL);
        RowBatch batch = (RowBatch) messages.get(1).getBody();
        assertThat(batch.getSequence()).isZero();
        assertThat(batch.getRows()).containsExactly(
                Arrays.asList("200", 3500L, "1.5", "[1,2]", true, null),
                Arrays.asList("304", 500L, "1.5", "[1,2]", true, null),
                Arrays.asList("404", 500L, "1.5", "[1,2]", true, null),
                Arrays.asList("500", 500L, "1.5", "[1,2]", true, null));
        ResultEnd end = (ResultEnd) messages.get(2).getBody();
        assertThat(end.getRowCount()).isEqualTo(4);
        assertThat(end.getBatchCount()).isEqualTo(1);
        assertThat(messages).hasSize(3);
    }

    @Test
    void neverPutsTheClearPasswordOnAnyTopic() throws Exception {
        String jobId = issue("SELECT 1 AS one", URL);
        awaitResult(jobId);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(jobId).equals("running")
                && JSON.readTree(service.get("/v3/job/show/" + jobId).body()).get("num_records").asLong() == 1);

        byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_8);
        byte[] encodedPassword = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        for (String topic : List.of(Topics.JOBS, Topics.JOB_EVENTS, Topics.results("ftp"))) {
            try (TopicReader reader = new TopicReader(topic)) {
                List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(30))
                        .until(() -> reader.poll(jobId), r -> !r.isEmpty());
                assertThat(records).allSatisfy(r -> {
                    assertThat(indexOf(r.value(), password)).as(topic).isEqualTo(-1);
                    assertThat(indexOf(r.value(), encodedPassword)).as(topic).isEqualTo(-1);
                });
            }
        }
        assertThat(service.get("/v3/job/show/" + jobId).body()).doesNotContain(PASSWORD)
                .contains("ftp://report:***@127.0.0.1:2121/reports/path.csv");
    }

    @Test
    void cutsA200000RowResultIntoBatchesUnderTheByteBound() throws Exception {
        String jobId = issue("SELECT i AS id, 'row ' || i AS label, i * 0.5::DOUBLE AS half FROM range(200000) t(i)", URL);

        List<ResultMessage> messages = awaitResult(jobId, Duration.ofSeconds(120));

        List<Integer> sizes = new ArrayList<>();
        long rows = 0;
        for (ResultMessage m : messages.subList(1, messages.size() - 1)) {
            RowBatch batch = (RowBatch) m.getBody();
            assertThat(batch.getSequence()).isEqualTo(sizes.size());
            sizes.add(Topics.RESULT_SERDE.encode(m).length);
            rows += batch.getRows().size();
        }
        assertThat(rows).isEqualTo(200_000);
        assertThat(sizes).hasSizeGreaterThan(50).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(64 * 1024));
        assertThat(((ResultEnd) messages.get(messages.size() - 1).getBody()).getBatchCount()).isEqualTo(sizes.size());
    }

    private static List<ResultMessage> awaitResult(String jobId) {
        return awaitResult(jobId, Duration.ofSeconds(60));
    }

    private static List<ResultMessage> awaitResult(String jobId, Duration atMost) {
        try (TopicReader reader = new TopicReader(Topics.results("ftp"))) {
            return await().atMost(atMost).until(() -> reader.poll(jobId), FtpResultPublishingTest::endsWithResultEnd)
                    .stream().map(r -> Topics.RESULT_SERDE.decode(r.value())).toList();
        }
    }

    private static String issue(String sql, String result) throws Exception {
        HttpResponse<String> issued = service.postForm("/v3/job/issue/presto/testdb",
                "query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)
                        + "&result=" + URLEncoder.encode(result, StandardCharsets.UTF_8));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        return JSON.readTree(issued.body()).get("job_id").asText();
    }

    private static String status(String jobId) throws Exception {
        return JSON.readTree(service.get("/v3/job/status/" + jobId).body()).get("status").asText();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static java.nio.file.Path tempDir() {
        try {
            return java.nio.file.Files.createTempDirectory("query-service-ftp");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean endsWithResultEnd(List<ConsumerRecord<String, byte[]>> records) {
        return !records.isEmpty()
                && Topics.RESULT_SERDE.decode(records.get(records.size() - 1).value()).getBody() instanceof ResultEnd;
    }
}
