package io.tideway.ftp;

import static io.tideway.schemas.JobEventType.DELIVERED;
import static io.tideway.schemas.JobEventType.DELIVERY_FAILED;
import static io.tideway.schemas.JobEventType.DELIVERY_RETRYING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.Topics;
import io.tideway.testing.JobEvents;
import io.tideway.testing.ResultPublisher;
import io.tideway.testing.ResultPublisher.Target;
import io.tideway.testing.TestFtpServer;
import io.tideway.writer.service.testing.RunningWriter;
import io.tideway.writer.service.testing.ServiceLogs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ftp-writer end to end: results published on {@code results.ftp} in a Kafka transaction, as the query service
 * publishes them, delivered by the running service to a real FTP server, read back from the server's disk.
 */
class FtpWriterTest {

    private static final Logger LOG = LoggerFactory.getLogger(FtpWriterTest.class);
    private static final String USER = "alice";
    private static final String PASSWORD = "p@ss:w/rd";
    private static final String PASSWORD_IN_URL = "p%40ss%3Aw%2Frd";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path home;
    private static TestFtpServer ftp;
    private static RunningWriter writer;
    private static ResultPublisher publisher;
    private static JobEvents events;

    @BeforeAll
    static void start() {
        ftp = TestFtpServer.start(home, TestFtpServer.user(USER, PASSWORD),
                TestFtpServer.slowUser("slow", "slow", 20_000));
        writer = FtpWriters.start(Map.of());
        publisher = writer.publisher();
        events = writer.events();
    }

    @AfterAll
    static void stop() {
        writer.close();
        ftp.stop();
    }

    @Test
    void deliversTheSeedExampleByteForByte() throws IOException {
        String job = jobId();
        publish(job, url("/reports/" + job + ".csv"), List.of("_c0", "_c1"),
                List.of(List.of("a", "b"), List.of("c", " d "), List.of("e", "f")));

        JobEvent delivered = awaitEvent(job, DELIVERED);
        byte[] file = Files.readAllBytes(home.resolve("reports/" + job + ".csv"));
        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo("_c0,_c1\r\na,b\r\nc,\" d \"\r\ne,f\r\n");
        assertThat(delivered.getRows()).isEqualTo(3);
        assertThat(delivered.getBytes()).isEqualTo(file.length);
        assertThat(delivered.getDestination())
                .isEqualTo("ftp://alice:***@127.0.0.1:" + ftp.port() + "/reports/" + job + ".csv");
        assertThat(delivered.getWorker()).isEqualTo("ftp-writer-test");
    }

    @Test
    void quotesFieldsAndWritesNullsAsEmpty() throws IOException {
        String job = jobId();
        publish(job, url("/" + job + ".csv"), List.of("text", "n", "x", "ok", "json"), List.of(
                Arrays.asList("a,b", 1L, 1.5, true, "[1,2]"),
                Arrays.asList("say \"hi\"", null, null, false, "{\"k\":\"v\"}"),
                Arrays.asList("two\r\nlines", -7L, 1e7, null, null),
                Arrays.asList("", 0L, -0.25, true, "x")));

        awaitEvent(job, DELIVERED);
        assertThat(read(job + ".csv")).isEqualTo("text,n,x,ok,json\r\n"
                + "\"a,b\",1,1.5,true,\"[1,2]\"\r\n"
                + "\"say \"\"hi\"\"\",,,false,\"{\"\"k\"\":\"\"v\"\"}\"\r\n"
                + "\"two\r\nlines\",-7,10000000.0,,\r\n"
                + "\"\",0,-0.25,true,x\r\n");
    }

    @Test
    void writesUnicodeAsUtf8InFileAndPathNames() throws IOException {
        String job = jobId();
        publish(job, url("/日本/" + job + "-データ.csv"), List.of("名前", "emoji"),
                List.of(List.of("日本語", "😀"), List.of("Ünïcödé", "👍🏽")));

        awaitEvent(job, DELIVERED);
        assertThat(Files.readAllBytes(home.resolve("日本/" + job + "-データ.csv")))
                .isEqualTo("名前,emoji\r\n日本語,😀\r\nÜnïcödé,👍🏽\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void deliversAnEmptyResultAsTheHeaderLineOnly() throws IOException {
        String job = jobId();
        publish(job, url("/" + job + ".csv"), List.of("a", "b"), List.of());

        assertThat(awaitEvent(job, DELIVERED).getRows()).isZero();
        assertThat(read(job + ".csv")).isEqualTo("a,b\r\n");
    }

    @Test
    void deliversA200000RowResultComplete() throws IOException {
        String job = jobId();
        int count = 200_000;
        List<List<Object>> rows = new ArrayList<>(count);
        StringBuilder expected = new StringBuilder("id,name,score,even,nothing\r\n");
        for (long i = 0; i < count; i++) {
            rows.add(Arrays.asList(i, "name-" + i, i * 0.5, i % 2 == 0, null));
            expected.append(i).append(",name-").append(i).append(',').append(i * 0.5).append(',')
                    .append(i % 2 == 0).append(",\r\n");
        }
        long started = System.nanoTime();
        publisher.publish(Target.topic(Topics.results("ftp")), job, url("/big/" + job + ".csv"),
                List.of("id", "name", "score", "even", "nothing"), rows, 5_000);

        JobEvent delivered = awaitEvent(job, DELIVERED);
        double seconds = (System.nanoTime() - started) / 1e9;
        String file = read("big/" + job + ".csv");
        LOG.info("200,000 rows ({} bytes) published and delivered in {} s: {} rows/s", file.length(),
                String.format("%.2f", seconds), Math.round(count / seconds));
        assertThat(delivered.getRows()).isEqualTo(count);
        assertThat(file.length()).isEqualTo(expected.length());
        assertThat(file).isEqualTo(expected.toString());
    }

    @Test
    void createsMissingDirectoriesAtEveryLevel() throws IOException {
        String job = jobId();
        publish(job, url("/" + job + "/b/c/out.csv"), List.of("x"), List.of(List.of("1")));

        awaitEvent(job, DELIVERED);
        assertThat(read(job + "/b/c/out.csv")).isEqualTo("x\r\n1\r\n");
    }

    @Test
    void uploadsUnderATemporaryNameAndRenamesItOverTheFinalNameOnCommit() throws IOException {
        String job = jobId();
        Path dir = Files.createDirectories(home.resolve("slow-" + job));
        Path target = dir.resolve("out.csv");
        Path temporary = dir.resolve(".out.csv." + job + ".tmp");
        Files.writeString(target, "an older delivery\r\n");
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            rows.add(List.of("row " + i, (long) i));
        }
        publish(job, "ftp://slow:slow@127.0.0.1:" + ftp.port() + "/slow-" + job + "/out.csv", List.of("r", "i"), rows);

        await().atMost(PATIENCE).until(() -> Files.exists(temporary) && Files.size(temporary) > 0);
        assertThat(target).hasContent("an older delivery\r\n");
        awaitEvent(job, DELIVERED);
        assertThat(temporary).doesNotExist();
        assertThat(read("slow-" + job + "/out.csv")).startsWith("r,i\r\nrow 0,0\r\n").endsWith("row 3999,3999\r\n");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("out.csv");
        }
    }

    @Test
    void failsTheJobWithTheServersReplyWhenTheLoginIsRefused() {
        String job = jobId();
        String wrong = "wrong-Secret-42";
        publish(job, "ftp://alice:" + wrong + "@127.0.0.1:" + ftp.port() + "/" + job + ".csv", List.of("a"),
                List.of(List.of("1")));

        JobEvent failed = awaitEvent(job, DELIVERY_FAILED);
        assertThat(failed.getError()).isEqualTo("Cannot log in as alice to ftp://alice:***@127.0.0.1:" + ftp.port()
                + "/" + job + ".csv: 530 Authentication failed.");
        assertThat(failed.getAttempts()).isEqualTo(1);
        assertThat(events.of(job, DELIVERY_RETRYING)).isEmpty();
        assertThat(events.of(job).toString()).doesNotContain(wrong);
        assertThat(home.resolve(job + ".csv")).doesNotExist();
    }

    @Test
    void failsTheJobNamingTheDirectoryThatCannotBeCreated() throws IOException {
        String job = jobId();
        Files.writeString(home.resolve("file-" + job), "a file, not a directory");
        publish(job, url("/file-" + job + "/sub/out.csv"), List.of("a"), List.of(List.of("1")));

        JobEvent failed = awaitEvent(job, DELIVERY_FAILED);
        assertThat(failed.getError()).startsWith("Cannot create directory /file-" + job + " on ftp://alice:***@")
                .contains(": 550 ");
        assertThat(failed.getAttempts()).isEqualTo(1);
    }

    @Test
    void retriesWhileTheServerIsDownAndDeliversOnceItIsUp(@TempDir Path laterHome) throws IOException {
        String job = jobId();
        int port = freePort();
        publish(job, "ftp://bob:pw@127.0.0.1:" + port + "/late.csv", List.of("a"), List.of(List.of("up")));

        JobEvent retrying = awaitEvent(job, DELIVERY_RETRYING);
        assertThat(retrying.getError()).startsWith("Cannot start uploading to ftp://bob:***@127.0.0.1:" + port
                + "/late.csv: java.net.ConnectException");
        assertThat(retrying.getAttempts()).isEqualTo(1);
        try (TestFtpServer late = TestFtpServer.start(laterHome, port, TestFtpServer.user("bob", "pw"))) {
            awaitEvent(job, DELIVERED);
            assertThat(laterHome.resolve("late.csv")).hasContent("a\r\nup\r\n");
        }
    }

    @Test
    void reportsHealthUpWhileTheWriterRuns() throws Exception {
        HttpResponse<String> health = writer.health();
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"ftp-writer\"");
    }

    @Test
    void exposesDeliveryMetricsAndTheLastDeliveryAfterADelivery() throws Exception {
        String job = jobId();
        publish(job, url("/metrics-" + job + ".csv"), List.of("a"), List.of(List.of("1"), List.of("2")));
        JobEvent delivered = awaitEvent(job, DELIVERED);

        await().atMost(PATIENCE).untilAsserted(() -> {
            String scrape = writer.prometheus().body();
            assertThat(RunningWriter.sample(scrape, "tideway_deliveries_total", "outcome=\"delivered\"",
                    "scheme=\"ftp\"")).isGreaterThanOrEqualTo(1);
            assertThat(RunningWriter.sample(scrape, "tideway_delivered_rows_total", "scheme=\"ftp\""))
                    .isGreaterThanOrEqualTo(2);
            assertThat(RunningWriter.sample(scrape, "tideway_delivered_bytes_total", "scheme=\"ftp\""))
                    .isGreaterThanOrEqualTo(delivered.getBytes());
            assertThat(RunningWriter.sample(scrape, "tideway_delivery_latency_seconds_count", "scheme=\"ftp\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(RunningWriter.sample(scrape, "tideway_delivery_attempt_duration_seconds_count",
                    "scheme=\"ftp\"")).isGreaterThanOrEqualTo(1);
            assertThat(scrape).contains("tideway_delivery_retries_total{", "tideway_dead_letters_total{",
                    "kafka_consumer_fetch_manager_records_lag_max{");
        });
        HttpResponse<String> health = writer.health();
        assertThat(health.body()).contains("\"lastDelivery\"", "\"kafka\"");
    }

    @Test
    void logsADeliveryAsJsonLinesCarryingTheJobIdWhenTheFormatIsJson() throws Exception {
        String job = jobId();
        List<JsonNode> lines;
        try (ServiceLogs logs = ServiceLogs.start("json")) {
            publish(job, url("/json-" + job + ".csv"), List.of("a"), List.of(List.of("1")));
            awaitEvent(job, DELIVERED);
            await().atMost(PATIENCE).until(() -> logs.lines().stream().anyMatch(l -> l.contains("Delivered job " + job)));
            lines = logs.lines().stream().map(FtpWriterTest::json).toList();
        }
        // the writer's lines, not those of the test's FTP server in the same JVM
        assertThat(lines).filteredOn(l -> l.path("loggerName").asText().startsWith("io.tideway"))
                .filteredOn(l -> l.path("formattedMessage").asText().contains(job)).isNotEmpty()
                .allSatisfy(l -> {
                    assertThat(l.path("mdc").path("job_id").asText()).isEqualTo(job);
                    assertThat(l.path("level").asText()).isEqualTo("INFO");
                    assertThat(l.path("threadName").asText()).isEqualTo("ftp-writer");
                    assertThat(l.toString()).doesNotContain(PASSWORD_IN_URL);
                });
    }

    @Test
    void logsTheJobIdInTheTextFormat() throws Exception {
        String job = jobId();
        List<String> lines;
        try (ServiceLogs logs = ServiceLogs.start("text")) {
            publish(job, url("/text-" + job + ".csv"), List.of("a"), List.of(List.of("1")));
            awaitEvent(job, DELIVERED);
            await().atMost(PATIENCE).until(() -> logs.lines().stream().anyMatch(l -> l.contains("Delivered job " + job)));
            lines = logs.lines();
        }
        assertThat(lines).filteredOn(l -> l.contains("Delivered job " + job)).singleElement()
                .satisfies(l -> assertThat(l).contains(" - [job " + job + "] Delivered job " + job));
        assertThat(lines).filteredOn(l -> l.contains(" io.tideway.") && !l.contains(job))
                .allSatisfy(l -> assertThat(l).doesNotContain("[job "));
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("Not a JSON line: " + line, e);
        }
    }

    private static String url(String path) {
        return "ftp://" + USER + ":" + PASSWORD_IN_URL + "@127.0.0.1:" + ftp.port() + path;
    }

    private static void publish(String job, String url, List<String> columns, List<List<Object>> rows) {
        publisher.publish(Target.topic(Topics.results("ftp")), job, url, columns, rows, 1_000);
    }

    private static JobEvent awaitEvent(String job, JobEventType type) {
        return writer.awaitEvent(job, type);
    }

    private static String read(String path) throws IOException {
        return Files.readString(home.resolve(path), StandardCharsets.UTF_8);
    }

    private static String jobId() {
        return "job-" + UUID.randomUUID();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
