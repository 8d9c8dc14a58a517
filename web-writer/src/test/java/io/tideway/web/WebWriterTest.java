package io.tideway.web;

import static io.tideway.schemas.JobEventType.DELIVERED;
import static io.tideway.schemas.JobEventType.DELIVERY_FAILED;
import static io.tideway.schemas.JobEventType.DELIVERY_RETRYING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.Topics;
import io.tideway.testing.JobEvents;
import io.tideway.testing.ResultPublisher;
import io.tideway.testing.ResultPublisher.Target;
import io.tideway.web.RecordingWebServer.Reply;
import io.tideway.writer.service.testing.RunningWriter;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web-writer end to end: results published on {@code results.web} in a Kafka transaction, as the query service
 * publishes them, delivered by the running service to a real web server on loopback; outcomes read from the
 * job-events topic.
 */
class WebWriterTest {

    private static final Target RESULTS = Target.topic(Topics.results("web"));

    private static RunningWriter writer;
    private static ResultPublisher publisher;
    private static JobEvents events;
    private final RecordingWebServer web = RecordingWebServer.http();

    @BeforeAll
    static void start() {
        writer = WebWriters.start(Map.of());
        publisher = writer.publisher();
        events = writer.events();
    }

    @AfterAll
    static void stop() {
        writer.close();
    }

    @AfterEach
    void stopWebServer() {
        web.close();
    }

    @Test
    void putsTheResultAsJsonWithColumnTypes() throws IOException {
        String job = jobId();
        String url = "web://alice:s3cret@127.0.0.1:" + web.port() + "/in/" + job;
        publish(job, url, List.of("n", "name", "tags"), List.of("long", "string", "array<string>"),
                List.of(Arrays.asList(1L, "a", "[\"x\"]"), Arrays.asList(null, "b", null)), 1);

        JobEvent delivered = awaitEvent(job, DELIVERED);
        RecordingWebServer.Request request = web.requests().get(0);
        assertThat(request.text()).isEqualTo("{\"column_names\":[\"n\",\"name\",\"tags\"],"
                + "\"column_types\":[\"long\",\"string\",\"array<string>\"],\"data\":[[1,\"a\",[\"x\"]],[null,\"b\",null]]}");
        assertThat(request.header("Authorization")).isPresent();
        assertThat(delivered.getRows()).isEqualTo(2);
        assertThat(delivered.getBytes()).isEqualTo(request.body().length);
        assertThat(delivered.getDroppedRows()).isZero();
        assertThat(delivered.getDestination()).isEqualTo("web://alice:***@127.0.0.1:" + web.port() + "/in/" + job);
    }

    @Test
    void sendsTheFirst100000RowsAndRecordsTheRestAsDropped() throws IOException {
        String job = jobId();
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 100_001; i++) {
            rows.add(List.of(i));
        }
        publish(job, "web://127.0.0.1:" + web.port() + "/big", List.of("n"), List.of("long"), rows, 10_000);

        JobEvent delivered = awaitEvent(job, DELIVERED);
        assertThat(delivered.getRows()).isEqualTo(100_000);
        assertThat(delivered.getDroppedRows()).isEqualTo(1);
        JsonNode data = new ObjectMapper().readTree(web.requests().get(0).body()).get("data");
        assertThat(data.size()).isEqualTo(100_000);
        assertThat(data.get(99_999).get(0).asLong()).isEqualTo(99_999);
    }

    @Test
    void retriesAfterAServerErrorAndDelivers() throws IOException {
        String job = jobId();
        web.replies(Reply.status(500, "database down"));
        publish(job, "web://127.0.0.1:" + web.port() + "/flaky", List.of("n"), List.of("long"),
                List.of(List.of(1L), List.of(2L)), 1);

        awaitEvent(job, DELIVERED);
        assertThat(events.of(job, DELIVERY_RETRYING)).singleElement()
                .satisfies(e -> assertThat(e.getError()).contains("500 Internal Server Error: database down"));
        assertThat(web.requests()).hasSize(2);
        assertThat(web.requests().get(1).body()).isEqualTo(web.requests().get(0).body());
    }

    @Test
    void failsTheJobAtOnceOnNotFoundWithTheStatusAndTheStartOfTheBody() {
        String job = jobId();
        web.replies(Reply.status(404, "no such hook: " + "y".repeat(300)));
        publish(job, "web://127.0.0.1:" + web.port() + "/missing", List.of("n"), List.of("long"),
                List.of(List.of(1L)), 1);

        JobEvent failed = awaitEvent(job, DELIVERY_FAILED);
        assertThat(failed.getAttempts()).isEqualTo(1);
        assertThat(failed.getError()).contains("404 Not Found: no such hook: yyy").doesNotContain("y".repeat(200));
        assertThat(events.of(job, DELIVERY_RETRYING)).isEmpty();
        assertThat(web.requests()).hasSize(1);
    }

    @Test
    void reportsHealthUp() throws Exception {
        HttpResponse<String> health = writer.health();

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    private static void publish(String job, String url, List<String> names, List<String> types,
                                List<List<Object>> rows, int rowsPerBatch) {
        publisher.publish(RESULTS, job, url, names, types, rows, rowsPerBatch);
    }

    private static JobEvent awaitEvent(String job, JobEventType type) {
        return writer.awaitEvent(job, type);
    }

    private static String jobId() {
        return "web-" + UUID.randomUUID();
    }
}
