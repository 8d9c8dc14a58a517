package io.tideway.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.treasuredata.client.TDClient;
import com.treasuredata.client.TDClientHttpUnauthorizedException;
import com.treasuredata.client.model.TDColumn;
import com.treasuredata.client.model.TDDatabase;
import com.treasuredata.client.model.TDJob;
import com.treasuredata.client.model.TDJobRequest;
import com.treasuredata.client.model.TDResultFormat;
import com.treasuredata.client.model.TDTable;
import io.tideway.query.RunningService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Treasure Data's own Java client, unchanged, against our v3 API. */
class TdClientCompatibilityTest {

    private static RunningService service;
    private static TDClient client;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        client = client(RunningService.API_KEY);
    }

    @AfterAll
    static void stop() {
        client.close();
        service.close();
    }

    private static TDClient client(String apiKey) {
        return TDClient.newBuilder().setEndpoint("127.0.0.1").setPort(service.port()).setUseSSL(false)
                .setApiKey(apiKey).setRetryLimit(0).build();
    }

    @Test
    void runsTheSeedQueryAndReadsStatusInfoAndCsvResult() {
        String jobId = client.submit(TDJobRequest.newPrestoQuery("testdb",
                "SELECT v['code'] AS code, COUNT(1) AS cnt FROM www_access GROUP BY v['code'] ORDER BY code"));

        await().atMost(Duration.ofSeconds(60)).until(() -> client.jobStatus(jobId).getStatus().isFinished());
        TDJob job = client.jobInfo(jobId);
        String csv = client.jobResult(jobId, TDResultFormat.CSV, TdClientCompatibilityTest::text);

        assertThat(job.getStatus()).isEqualTo(TDJob.Status.SUCCESS);
        assertThat(job.getDatabase()).isEqualTo("testdb");
        assertThat(job.getNumRecords()).isEqualTo(4);
        assertThat(job.getResultSchema()).contains("[[\"code\", \"varchar\"], [\"cnt\", \"bigint\"]]");
        assertThat(job.getQuery()).contains("www_access");
        assertThat(job.getCreatedAt()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
        assertThat(csv).isEqualTo("200,3500\r\n304,500\r\n404,500\r\n500,500\r\n");
    }

    @Test
    void listsTheSampleDatabaseAndItsTable() {
        List<TDDatabase> databases = client.listDatabases();
        List<TDTable> tables = client.listTables("testdb");

        assertThat(databases).extracting(TDDatabase::getName).contains("testdb");
        TDTable access = tables.stream().filter(t -> t.getName().equals("www_access")).findFirst().orElseThrow();
        assertThat(access.getRowCount()).isEqualTo(5000);
        assertThat(access.getSchema()).extracting(TDColumn::getName)
                .containsExactly("time", "host", "path", "method", "referer", "code", "size", "agent", "v");
        assertThat(access.getSchema()).extracting(c -> c.getType().toString())
                .containsExactly("long", "string", "string", "string", "string", "long", "long", "string",
                        "map<string,string>");
    }

    @Test
    void refusesAWrongApiKeyAsUnauthorized() {
        try (TDClient wrong = client("1/ffffffffffffffffffffffffffffffffffffffff")) {
            assertThatThrownBy(wrong::listDatabases).isInstanceOf(TDClientHttpUnauthorizedException.class);
        }
    }

    @Test
    void answersServerStatusWithoutAKey() {
        assertThat(service.send(java.net.http.HttpRequest.newBuilder(service.uri("/v3/system/server_status")).build())
                .body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void reportsHealthUpWhenKafkaAndTheWarehouseAnswer() {
        var health = service.send(java.net.http.HttpRequest.newBuilder(service.uri("/health")).build());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("kafka").contains("warehouse");
    }

    private static String text(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
