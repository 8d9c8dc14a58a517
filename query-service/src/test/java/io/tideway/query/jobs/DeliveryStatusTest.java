package io.tideway.query.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.query.RunningService;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.Topics;
import io.tideway.testing.SharedKafka;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A job with a destination stays running after its query, until a writer reports delivery or failure. */
class DeliveryStatusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String URL = "ftp://user:password@127.0.0.1:2121/out/result.csv";
    private static RunningService service;
    private static KafkaProducer<String, byte[]> writer;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        writer = new KafkaProducer<>(p);
    }

    @AfterAll
    static void stop() {
        writer.close();
        service.close();
    }

    @Test
    void becomesSuccessWhenTheWriterReportsDelivered() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger runnerLog = (Logger) LoggerFactory.getLogger("io.tideway.query.runner");
        runnerLog.addAppender(log);
        String jobId;
        try {
            jobId = issueAndAwaitQueryFinished();
        } finally {
            runnerLog.detachAppender(log);
        }

        report(event(jobId, JobEventType.DELIVERED).setRows(1L).setBytes(12L).setDroppedRows(0L)
                .setDestination("ftp://user:***@127.0.0.1:2121/out/result.csv"));

        JsonNode job = awaitStatus(jobId, "success");
        assertThat(job.get("delivered_rows").asLong()).isEqualTo(1);
        assertThat(job.get("delivered_bytes").asLong()).isEqualTo(12);
        assertThat(job.get("end_at").asText()).endsWith("UTC");
        assertThat(log.list).filteredOn(e -> e.getFormattedMessage().contains("Job " + jobId + " "))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("job_id", jobId));
        assertThat(log.list).filteredOn(e -> !e.getFormattedMessage().contains(jobId))
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).doesNotContainKey("job_id"));
    }

    @Test
    void showsTheDurationOfEachStageAndCountsTheJobOnPrometheus() throws Exception {
        String jobId = issueAndAwaitQueryFinished();
        assertThat(show(jobId).get("stage_durations").fieldNames()).toIterable()
                .containsExactly("queued", "query", "publish", "delivery");

        report(event(jobId, JobEventType.DELIVERED).setRows(1L).setBytes(12L).setDroppedRows(0L));
        JsonNode stages = awaitStatus(jobId, "success").get("stage_durations");

        assertThat(stages.fieldNames()).toIterable().containsExactly("queued", "query", "publish", "delivery");
        stages.forEach(seconds -> assertThat(seconds.asDouble()).isGreaterThanOrEqualTo(0));
        String scrape = service.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + service.port() + "/prometheus")).build()).body();
        assertThat(sample(scrape, "tideway_jobs", "status=\"success\"")).isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "tideway_jobs_finished_total", "status=\"success\"")).isGreaterThanOrEqualTo(1);
        assertThat(sample(scrape, "tideway_job_stage_duration_seconds_count", "stage=\"delivery\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape).contains("tideway_jobs{status=\"running\"}", "tideway_jobs{status=\"queued\"}",
                "kafka_consumer_fetch_manager_records_lag_max{");
    }

    /** The first sample of {@code name} with every one of the labels in a Prometheus scrape; 0 when none. */
    private static double sample(String scrape, String name, String... labels) {
        return scrape.lines().filter(line -> line.startsWith(name + "{"))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void becomesErrorWithTheReasonWhenDeliveryFails() throws Exception {
        String jobId = issueAndAwaitQueryFinished();

        report(event(jobId, JobEventType.DELIVERY_RETRYING).setError("421 Service not available").setAttempts(1));
        JsonNode retrying = awaitField(jobId, "421 Service not available");
        report(event(jobId, JobEventType.DELIVERY_FAILED).setError("530 Login incorrect").setAttempts(1));

        JsonNode job = awaitStatus(jobId, "error");
        assertThat(retrying.get("status").asText()).isEqualTo("running");
        assertThat(job.get("debug").get("stderr").asText()).isEqualTo("530 Login incorrect");
    }

    private static String issueAndAwaitQueryFinished() throws Exception {
        String jobId = JSON.readTree(service.postForm("/v3/job/issue/presto/testdb", "query=SELECT+1+AS+one&result="
                + URLEncoder.encode(URL, StandardCharsets.UTF_8)).body()).get("job_id").asText();
        JsonNode job = await().atMost(Duration.ofSeconds(60)).until(() -> show(jobId),
                j -> j.get("num_records").asLong() == 1);
        assertThat(job.get("status").asText()).isEqualTo("running");
        return jobId;
    }

    private static JobEvent.Builder event(String jobId, JobEventType type) {
        return JobEvent.newBuilder().setJobId(jobId).setAccountId("1").setType(type).setTime(Instant.now())
                .setWorker("test-writer");
    }

    private static void report(JobEvent.Builder event) throws Exception {
        JobEvent built = event.build();
        writer.send(new ProducerRecord<>(Topics.JOB_EVENTS, built.getJobId(), Topics.JOB_EVENT_SERDE.encode(built))).get();
    }

    private static JsonNode awaitStatus(String jobId, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> show(jobId), j -> j.get("status").asText().equals(status));
    }

    private static JsonNode awaitField(String jobId, String stderr) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> show(jobId),
                j -> j.get("debug").get("stderr").asText().equals(stderr));
    }

    private static JsonNode show(String jobId) throws Exception {
        return JSON.readTree(service.get("/v3/job/show/" + jobId).body());
    }
}
