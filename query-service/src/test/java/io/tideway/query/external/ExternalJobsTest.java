package io.tideway.query.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.destination.SecretBox;
import io.tideway.examples.ExternalJobProducer;
import io.tideway.query.JsonApi;
import io.tideway.query.RunningService;
import io.tideway.query.TopicReader;
import io.tideway.schemas.DeadLetterHeaders;
import io.tideway.schemas.SchemaHistory;
import io.tideway.schemas.Topics;
import io.tideway.testing.SharedKafka;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Jobs published onto the jobs topic by another system, with nothing but kafka-clients, plain Avro and the .avsc
 * files ({@link ExternalJobProducer}): a good one runs; a bad one ends on the dead-letter topic, saying where it came
 * from and why, or as an error job with the reason; the service carries on either way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalJobsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RunningService service;
    private static JsonApi api;
    private static ExternalJobProducer producer;
    private static TopicReader deadLetters;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        api = new JsonApi(service);
        producer = new ExternalJobProducer(SharedKafka.bootstrapServers());
        deadLetters = new TopicReader(Topics.DEAD_LETTERS);
    }

    @AfterAll
    static void stop() {
        deadLetters.close();
        producer.close();
        service.close();
    }

    @Test
    void runsAJobPublishedWithPlainKafkaAndAvro() throws Exception {
        GenericRecord job = signed(producer.job("1", unique(), "testdb", "SELECT 40 + 2 AS answer", null));

        producer.publish(job);

        String id = job.get("jobId").toString();
        assertThat(awaitFinished(id).get("status").asText()).isEqualTo("success");
        assertThat(service.get("/v3/job/result/" + id + "?format=csv").body()).isEqualTo("42\r\n");
    }

    @Test
    void deliversAnExternalJobToASavedDestination() throws Exception {
        String name = "ext_" + unique().replace('-', '_');
        api.ok("/v3/result/create/" + name, "url", "ftp://report:s3cret-ftp@127.0.0.1:2121/reports/");
        GenericRecord job = signed(producer.job("1", unique(), "testdb", "SELECT 1 AS one", name + ":out.csv"));

        producer.publish(job);

        String id = job.get("jobId").toString();
        try (TopicReader results = new TopicReader(Topics.results("ftp"))) {
            await().atMost(WAIT).until(() -> !results.poll(id).isEmpty());
            String header = Topics.RESULT_SERDE.decode(results.poll(id).get(0).value()).toString();
            assertThat(header).contains("ftp://report:***@127.0.0.1:2121/reports/out.csv").doesNotContain("s3cret-ftp");
        }
    }

    @Test
    void runsAJobWrittenWithThePreviousSchemaVersion() throws Exception {
        Schema v1 = SchemaHistory.versionsOf(io.tideway.schemas.JobRequest.class).get(0);
        String id = "1.v1_" + unique().replace('-', '_') + ".1767225600";
        GenericRecord job = new GenericData.Record(v1);
        job.put("jobId", id);
        job.put("accountId", "1");
        job.put("database", "testdb");
        job.put("query", "SELECT 'v1' AS written_with");
        job.put("engine", "presto");
        job.put("priority", 0);
        job.put("retryLimit", 0);
        job.put("origin", new GenericData.EnumSymbol(v1.getField("origin").schema(), "SCHEDULE"));
        job.put("scheduleName", "v1");
        job.put("scheduledTime", 1_767_225_600_000L);
        job.put("requestedAt", System.currentTimeMillis());
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(job);

        producer.publish(id, bytes.array());

        assertThat(awaitFinished(id).get("status").asText()).isEqualTo("success");
        assertThat(service.get("/v3/job/result/" + id + "?format=csv").body()).isEqualTo("v1\r\n");
    }

    @Test
    void deadLettersMalformedBytes() throws Exception {
        String key = "malformed-" + unique();
        producer.publish(key, "not avro at all".getBytes(StandardCharsets.UTF_8));

        assertDeadLettered(key, "Undecodable job request");
    }

    @Test
    void deadLettersAnUnknownSchemaFingerprint() throws Exception {
        GenericRecord job = signed(producer.job("1", unique(), "testdb", "SELECT 1", null));
        byte[] bytes = producer.encode(job);
        bytes[2] ^= 0x7f; // the first byte of the fingerprint, after the C3 01 marker

        producer.publish(job.get("jobId").toString(), bytes);

        assertDeadLettered(job.get("jobId").toString(), "Undecodable job request");
    }

    @Test
    void deadLettersAJobForAnUnknownAccount() throws Exception {
        GenericRecord job = producer.job("999", unique(), "testdb", "SELECT 1", null);
        job.put("authorization", ExternalJobProducer.authorization(job, "999/0123456789abcdef0123456789abcdef01234567"));

        producer.publish(job);

        assertDeadLettered(job.get("jobId").toString(), "account '999', which does not exist");
    }

    @Test
    void deadLettersAJobWithoutAuthorization() throws Exception {
        GenericRecord job = producer.job("1", unique(), "testdb", "SELECT 1", null);

        producer.publish(job);

        assertDeadLettered(job.get("jobId").toString(), "has no authorization");
    }

    @Test
    void deadLettersAJobSignedWithAnotherKey() throws Exception {
        GenericRecord job = producer.job("1", unique(), "testdb", "SELECT 1", null);
        job.put("authorization", ExternalJobProducer.authorization(job, RunningService.WRITE_ONLY_KEY));

        producer.publish(job);

        assertDeadLettered(job.get("jobId").toString(), "does not match");
    }

    @Test
    void deadLettersASignedJobAlteredAfterSigning() throws Exception {
        GenericRecord job = signed(producer.job("1", unique(), "testdb", "SELECT 1", null));
        job.put("query", "SELECT * FROM www_access");

        producer.publish(job);

        assertDeadLettered(job.get("jobId").toString(), "does not match");
    }

    @Test
    void deadLettersAJobIdOutsideTheAccountsNamespace() throws Exception {
        GenericRecord job = producer.job("1", unique(), "testdb", "SELECT 1", null);
        String id = String.valueOf(1_000_000 + (long) (Math.random() * 1_000_000));
        job.put("jobId", id);
        job.put("authorization", ExternalJobProducer.authorization(job, RunningService.API_KEY));

        producer.publish(job);

        assertDeadLettered(id, "use ext-<accountId>-<your id>");
        assertThat(service.get("/v3/job/show/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void failsAJobForAnUnknownDatabaseWithTheReason() throws Exception {
        GenericRecord job = signed(producer.job("1", unique(), "no_such_db", "SELECT 1", null));

        producer.publish(job);

        JsonNode shown = awaitFinished(job.get("jobId").toString());
        assertThat(shown.get("status").asText()).isEqualTo("error");
        assertThat(shown.toString()).contains("Couldn't find database 'no_such_db'");
    }

    @Test
    void failsAJobNamingAnUnknownSavedDestination() throws Exception {
        GenericRecord job = signed(producer.job("1", unique(), "testdb", "SELECT 1", "no_such_destination:x.csv"));

        producer.publish(job);

        JsonNode shown = awaitFinished(job.get("jobId").toString());
        assertThat(shown.get("status").asText()).isEqualTo("error");
        assertThat(shown.toString()).contains("no_such_destination");
    }

    @Test
    void failsAJobWhoseDestinationIsNotSealedWithThisDeploymentsKey() throws Exception {
        GenericRecord job = producer.job("1", unique(), "testdb", "SELECT 1", null);
        Schema destinationSchema = job.getSchema().getField("destination").schema().getTypes().get(1);
        GenericRecord destination = new GenericData.Record(destinationSchema);
        destination.put("scheme", "ftp");
        destination.put("maskedUrl", "ftp://u:***@127.0.0.1/x.csv");
        destination.put("sealedUrl", SecretBox.fromBase64Key(SecretBox.generateKey()).seal("ftp://u:pw@127.0.0.1/x.csv"));
        job.put("destination", destination);
        signed(job);

        producer.publish(job);

        JsonNode shown = awaitFinished(job.get("jobId").toString());
        assertThat(shown.get("status").asText()).isEqualTo("error");
        assertThat(shown.toString()).contains("not sealed with this deployment's secret key").doesNotContain("u:pw");
    }

    @Test
    void failsAJobWithAnOutOfRangePriority() throws Exception {
        GenericRecord job = producer.job("1", unique(), "testdb", "SELECT 1", null);
        job.put("priority", 7);
        signed(job);

        producer.publish(job);

        JsonNode shown = awaitFinished(job.get("jobId").toString());
        assertThat(shown.toString()).contains("Priority 7 is out of range");
    }

    private static GenericRecord signed(GenericRecord job) {
        job.put("authorization", ExternalJobProducer.authorization(job, RunningService.API_KEY));
        return job;
    }

    private static JsonNode awaitFinished(String id) {
        await().atMost(WAIT).until(() -> {
            var shown = service.get("/v3/job/show/" + id);
            return shown.statusCode() == 200 && List.of("success", "error")
                    .contains(JsonApi.json(shown).get("status").asText());
        });
        return JsonApi.json(service.get("/v3/job/show/" + id));
    }

    /** The record is on the dead letters, byte for byte, with where it came from and why; the service runs on. */
    private static void assertDeadLettered(String key, String why) throws Exception {
        await().atMost(WAIT).until(() -> !deadLetters.poll(key).isEmpty());
        ConsumerRecord<String, byte[]> dead = deadLetters.poll(key).get(0);
        assertThat(header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(Topics.JOBS);
        assertThat(header(dead, DeadLetterHeaders.OFFSET)).matches("[0-9]+");
        assertThat(header(dead, DeadLetterHeaders.REASON)).contains(why);
        assertThat(service.get("/v3/job/show/" + key).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void carriesOnAfterEveryBadJob() throws Exception {
        GenericRecord after = signed(producer.job("1", unique(), "testdb", "SELECT 'still running' AS s", null));
        producer.publish(after);
        assertThat(awaitFinished(after.get("jobId").toString()).get("status").asText()).isEqualTo("success");
        assertThat(service.get("/health").statusCode()).isEqualTo(200);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8) + Instant.now().toEpochMilli() % 100000;
    }
}
