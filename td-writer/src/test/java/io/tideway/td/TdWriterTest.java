package io.tideway.td;

import static io.tideway.schemas.JobEventType.DELIVERED;
import static io.tideway.schemas.JobEventType.DELIVERY_FAILED;
import static io.tideway.schemas.JobEventType.DELIVERY_RETRYING;
import static io.tideway.td.TdApiServer.MASTER_KEY;
import static io.tideway.td.TdApiServer.WRITE_ONLY_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.schemas.JobEvent;
import io.tideway.schemas.Topics;
import io.tideway.testing.JobEvents;
import io.tideway.testing.ResultPublisher;
import io.tideway.testing.ResultPublisher.Target;
import io.tideway.writer.service.testing.RunningWriter;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The td-writer end to end: results published on {@code results.td} in a Kafka transaction, as the query service
 * publishes them, imported by the running service into the tables of a target API on loopback; outcomes read from
 * the job-events topic.
 */
class TdWriterTest {

    private static final Target RESULTS = Target.topic(Topics.results("td"));

    private static RunningWriter writer;
    private static ResultPublisher publisher;
    private static JobEvents events;
    private final TdApiServer api = TdApiServer.start("testdb");

    @BeforeAll
    static void start() {
        writer = TdWriters.start(Map.of());
        publisher = writer.publisher();
        events = writer.events();
    }

    @AfterAll
    static void stop() {
        writer.close();
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    @Test
    void importsTheResultIntoTheTableInPartsAndReportsItDelivered() {
        String job = jobId();
        publish(job, api.url(MASTER_KEY, "testdb/out"), numbers(2_500), 700);

        JobEvent delivered = writer.awaitEvent(job, DELIVERED);
        assertThat(api.rows("testdb", "out")).extracting(r -> r.get("n")).containsExactlyElementsOf(longs(2_500));
        assertThat(api.parts(TdTarget.session(job))).containsExactly("part-00000", "part-00001", "part-00002");
        assertThat(delivered.getRows()).isEqualTo(2_500);
        assertThat(delivered.getBytes()).isEqualTo(api.requests().stream()
                .filter(r -> r.method().equals("PUT")).mapToLong(r -> r.body().length).sum());
        assertThat(delivered.getDestination()).isEqualTo("td://***@127.0.0.1:" + api.port() + "/testdb/out");
    }

    @Test
    void retriesATransient503OnAPartAndImportsEachRowOnce() {
        String job = jobId();
        api.failNext("PUT", "part-00001", 503, "warehouse busy", Map.of());
        publish(job, api.url(MASTER_KEY, "testdb/flaky"), numbers(2_500), 500);

        writer.awaitEvent(job, DELIVERED);
        assertThat(events.of(job, DELIVERY_RETRYING)).singleElement().satisfies(e -> assertThat(e.getError())
                .contains("upload part-00001").contains("503 Service Unavailable: warehouse busy"));
        assertThat(events.of(job, DELIVERED)).hasSize(1);
        assertThat(api.rows("testdb", "flaky")).extracting(r -> r.get("n")).containsExactlyElementsOf(longs(2_500));
        assertThat(api.requestLines()).filteredOn(l -> l.contains("/commit/")).hasSize(1);
    }

    @Test
    void failsReplaceWithAWriteOnlyKeyNamingTheNeedForTheMasterKey() {
        String job = jobId();
        publish(job, api.url(WRITE_ONLY_KEY, "testdb/t?mode=replace"), numbers(10), 5);

        JobEvent failed = writer.awaitEvent(job, DELIVERY_FAILED);
        assertThat(failed.getAttempts()).isEqualTo(1);
        assertThat(failed.getError()).contains("master key").contains("td://***@127.0.0.1:" + api.port())
                .doesNotContain(WRITE_ONLY_KEY).doesNotContain(WRITE_ONLY_KEY.substring(2));
        assertThat(events.of(job, DELIVERY_RETRYING)).isEmpty();
        assertThat(api.hasTable("testdb", "t")).isFalse();
    }

    @Test
    void failsOnAnUnknownDatabaseNamingIt() {
        String job = jobId();
        publish(job, api.url(MASTER_KEY, "nodb/t"), numbers(1), 1);

        assertThat(writer.awaitEvent(job, DELIVERY_FAILED).getError())
                .contains("the database 'nodb' does not exist at the target");
    }

    @Test
    void showsTheTargetsSchemaConflictOnTheJob() {
        String first = jobId();
        publish(first, api.url(MASTER_KEY, "testdb/typed"), numbers(1), 1);
        writer.awaitEvent(first, DELIVERED);
        String second = jobId();
        publisher.publish(RESULTS, second, api.url(MASTER_KEY, "testdb/typed"), List.of("n"), List.of("string"),
                List.of(List.of("seven")), 1);

        assertThat(writer.awaitEvent(second, DELIVERY_FAILED).getError())
                .contains("422").contains("Column 'n' of testdb.typed is long and cannot take the string value seven");
    }

    @Test
    void reportsHealthUp() throws Exception {
        HttpResponse<String> health = writer.health();

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"td-writer\"").contains("\"status\":\"UP\"");
    }

    private static void publish(String job, String url, List<List<Object>> rows, int rowsPerBatch) {
        publisher.publish(RESULTS, job, url, List.of("n"), List.of("long"), rows, rowsPerBatch);
    }

    static List<List<Object>> numbers(int count) {
        return TdDestinationTest.numbers(count);
    }

    static List<Object> longs(int count) {
        List<Object> longs = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            longs.add(i);
        }
        return longs;
    }

    private static String jobId() {
        return "td-" + UUID.randomUUID();
    }
}
