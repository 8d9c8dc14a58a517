package io.tideway.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.launcher.RecordingWebServer.Request;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.Topics;
import io.tideway.testing.JobEvents;
import io.tideway.testing.TestFtpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What survives real SIGKILLs of the local stack's processes, each at a moment chosen by watching the work under way
 * (bytes a web server received, parts a table import uploaded, result records published, files delivered) and
 * drawn at random within a window from a seed that the test prints ({@code -Dtideway.failure.seed=N} repeats a
 * run). One stack for the class; the tests run in order, the most disruptive last. docs/failures.md lists the
 * faults and what each test checks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LONG = Duration.ofMinutes(3);
    /** Retries quick enough to exhaust in a test: attempts after 0.5, 1, 2, 2 and 2 s, about 8 s in all. */
    private static final String FTP_RETRIES = "-Dtideway.writer.retry.initial-backoff=500ms "
            + "-Dtideway.writer.retry.max-backoff=2s -Dtideway.writer.retry.max-attempts=6";

    @TempDir
    static Path home;

    private static LocalStack stack;
    private static JobEvents events;
    private static Random random;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() throws Exception {
        long seed = Long.getLong("tideway.failure.seed", System.nanoTime());
        System.out.println("FailureTest seed: " + seed + " (repeat with -Dtideway.failure.seed=" + seed + ")");
        random = new Random(seed);
        stack = new LocalStack(REPO, home);
        stack.up(new LocalStack.Options(true, false, Map.of(
                "ftp-writer", FTP_RETRIES,
                "td-writer", "-Dtideway.td.part-rows=25000",
                "query-service", "-Dtideway.query.batch-bytes=262144")));
        events = new JobEvents(stack.home().bootstrapServers());
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (events != null) {
            events.close();
        }
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    @Order(1)
    void aWebWriterKilledMidPutLeavesOnlyRepeatsOfTheSamePutAndTheWholeBody() throws Exception {
        try (RecordingWebServer web = RecordingWebServer.start(1024 * 1024)) {
            String jobId = submit("SELECT i AS id, 'row ' || i AS label FROM range(100000) t(i)",
                    "web://127.0.0.1:" + web.port() + "/hooks/killed");
            long killAt = 100_000 + random.nextInt(1_000_000);
            await().atMost(LONG).until(() -> web.bytesReceived() >= killAt);

            long received = web.bytesReceived();
            long killed = kill("web-writer");
            log("web-writer pid %d killed after the web server received %d bytes of the PUT", killed, received);

            assertThat(awaitFinished(jobId)).isEqualTo("success");
            List<Request> requests = web.requests();
            assertThat(requests).as("the PUT the kill broke off, and the whole one after").hasSizeGreaterThanOrEqualTo(2);
            assertThat(requests).allSatisfy(r -> {
                assertThat(r.method()).isEqualTo("PUT");
                assertThat(r.path()).isEqualTo("/hooks/killed");
            });
            List<Request> complete = requests.stream().filter(Request::complete).toList();
            assertThat(complete).isNotEmpty();
            assertThat(complete).extracting(r -> new String(r.body(), StandardCharsets.UTF_8)).containsOnly(
                    new String(complete.get(0).body(), StandardCharsets.UTF_8));
            JsonNode body = JSON.readTree(complete.get(0).body());
            assertThat(body.path("data")).hasSize(100_000);
            assertThat(body.path("data").get(99_999).toString()).isEqualTo("[99999,\"row 99999\"]");
            assertThat(requests.stream().filter(r -> !r.complete()))
                    .as("the PUT the kill broke off").allSatisfy(r -> assertThat(complete.get(0).body())
                            .startsWith(r.body()));
            assertThat(eventsOnceSeen(jobId, JobEventType.DELIVERED)).hasSize(1);
        }
    }

    @Test
    @Order(2)
    void aTdWriterKilledBetweenPartsImportsTheResultExactlyOnce() throws Exception {
        int rows = 300_000; // 12 parts of 25,000 rows
        String jobId = submit("SELECT i AS id, 'row ' || i AS label FROM range(" + rows + ") t(i)",
                "td://@/testdb/killed_import");
        int killAfterParts = 2 + random.nextInt(9);
        String session = "tideway_" + jobId;
        await().atMost(LONG).until(() -> uploadedParts(session) >= killAfterParts);

        int uploaded = uploadedParts(session);
        long killed = kill("td-writer");
        log("td-writer pid %d killed with %d of 12 parts uploaded", killed, uploaded);

        assertThat(awaitFinished(jobId)).isEqualTo("success");
        assertThat(queryCsv("SELECT COUNT(*), COUNT(DISTINCT id), SUM(id) FROM killed_import"))
                .isEqualTo(rows + "," + rows + "," + ((long) rows * (rows - 1) / 2) + "\r\n");
        assertThat(eventsOnceSeen(jobId, JobEventType.DELIVERED)).hasSize(1);
    }

    @Test
    @Order(3)
    void aQueryServiceKilledWhilePublishingDeliversNothingOfThatRunAndTheJobRunsAgain() throws Exception {
        int rows = 500_000;
        Path dir = home.resolve("ftp/republished");
        try (EndOffsets published = new EndOffsets(stack.home().bootstrapServers(), Topics.results("ftp"))) {
            long before = published.total();
            String jobId = submit("SELECT i AS id, repeat('x', 40) AS pad FROM range(" + rows + ") t(i)",
                    demoFtpUrl("republished/big.csv"));
            long killAfter = 10 + random.nextInt(60); // of about 100 batches of 256 KB
            await().atMost(LONG).until(() -> published.total() - before >= killAfter);

            long written = published.total() - before;
            long killed = kill("query-service");
            log("query-service pid %d killed after %d result records of its transaction were written", killed,
                    written);
            assertThat(dir).doesNotExist();

            assertThat(awaitFinished(jobId)).isEqualTo("success");
            try (Stream<String> lines = Files.lines(dir.resolve("big.csv"))) {
                assertThat(lines.count()).isEqualTo(rows + 1);
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("big.csv");
            }
            assertThat(eventsOnceSeen(jobId, JobEventType.DELIVERED)).hasSize(1);
            assertThat(events.of(jobId, JobEventType.RUNNING)).hasSizeGreaterThanOrEqualTo(2);
            assertThat(events.of(jobId, JobEventType.QUERY_FINISHED)).hasSize(1);
        }
    }

    @Test
    @Order(4)
    void anFtpServerDownForSomeRetriesGetsTheFileWhenItReturns() throws Exception {
        Path files = Files.createDirectories(home.resolve("outage"));
        int port = freeFtpPort(files);
        String jobId = submit("SELECT i AS id FROM range(1000) t(i)", ftpUrl(port, "short.csv"));
        await().atMost(LONG).until(() -> events.of(jobId, JobEventType.DELIVERY_RETRYING).size() >= 2);

        try (TestFtpServer ftp = TestFtpServer.start(files, port, TestFtpServer.user("u", "pw"))) {
            assertThat(awaitFinished(jobId)).isEqualTo("success");
        }
        assertThat(files.resolve("short.csv")).hasContent(idsCsv(1000));
    }

    @Test
    @Order(5)
    void anFtpServerDownPastTheRetryBudgetFailsTheJobAndARerunDeliversTheStoredResult() throws Exception {
        Path files = Files.createDirectories(home.resolve("outage-long"));
        int port = freeFtpPort(files);
        String jobId = submit("SELECT i AS id FROM range(1000) t(i)", ftpUrl(port, "long.csv"));

        assertThat(awaitFinished(jobId)).isEqualTo("error");
        JsonNode job = api("GET", "/v3/job/show/" + jobId);
        assertThat(job.path("debug").path("stderr").asText()).contains("127.0.0.1:" + port).doesNotContain(":pw@");
        assertThat(eventsOnceSeen(jobId, JobEventType.DELIVERY_FAILED)).singleElement()
                .satisfies(e -> assertThat(e.getAttempts()).isEqualTo(6));

        try (TestFtpServer ftp = TestFtpServer.start(files, port, TestFtpServer.user("u", "pw"))) {
            JsonNode rerun = api("POST", "/v3/job/rerun/" + jobId, "");
            assertThat(rerun.path("former_status").asText()).isEqualTo("error");
            assertThat(awaitFinished(jobId)).isEqualTo("success");
        }
        assertThat(files.resolve("long.csv")).hasContent(idsCsv(1000));
        assertThat(eventsOnceSeen(jobId, JobEventType.DELIVERED)).hasSize(1);
        assertThat(events.of(jobId, JobEventType.QUERY_FINISHED)).as("the query ran once").hasSize(1);
        HttpResponse<String> again = send("POST", "/v3/job/rerun/" + jobId, "");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("cannot be re-run");
    }

    @Test
    @Order(6)
    void aBrokerKilledDuringDeliveriesLosesNothing() throws Exception {
        Path files = Files.createDirectories(home.resolve("broker"));
        try (TestFtpServer ftp = TestFtpServer.start(files, TestFtpServer.slowUser("u", "pw", 1024 * 1024))) {
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                jobs.add(submit("SELECT i AS id FROM range(200000) t(i)", ftpUrl(ftp.port(), "job" + i + ".csv")));
            }
            int startedFiles = 1 + random.nextInt(2);
            await().atMost(LONG).until(() -> countFiles(files) >= startedFiles);

            long started = countFiles(files);
            long killed = kill("kafka");
            log("kafka pid %d killed with %d of 4 files under way or delivered", killed, started);

            for (String jobId : jobs) {
                assertThat(awaitFinished(jobId)).isEqualTo("success");
            }
            String expected = idsCsv(200_000);
            for (int i = 0; i < 4; i++) {
                assertThat(Files.readString(files.resolve("job" + i + ".csv"))).isEqualTo(expected);
            }
            assertThat(countFiles(files)).isEqualTo(4);
        }
    }

    @Test
    @Order(7)
    void threeFtpWritersShareSixtyJobsAndAKilledOneHandsItsPartitionsToTheOthers() throws Exception {
        Path files = Files.createDirectories(home.resolve("scaled"));
        assertThat(stack.scale("ftp-writer", 3, LONG)).isTrue();
        try (TestFtpServer ftp = TestFtpServer.start(files, TestFtpServer.slowUser("u", "pw", 256 * 1024))) {
            // submitted from another thread, so that the kill can come while jobs are still arriving
            Map<String, String> jobs = new ConcurrentHashMap<>();
            CompletableFuture<Void> submitted = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 60; i++) {
                    try {
                        jobs.put(submit("SELECT i AS id FROM range(20000) t(i)", ftpUrl(ftp.port(), "job" + i + ".csv")),
                                "job" + i + ".csv");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            int killAfter = 10 + random.nextInt(15);
            await().atMost(LONG).until(() -> {
                Map<String, String> delivered = delivered(jobs.keySet());
                Map<String, Long> byInstance = countBy(delivered);
                return delivered.size() >= killAfter && byInstance.size() == 3
                        && byInstance.values().stream().allMatch(n -> n >= 2);
            });

            Map<String, String> before = delivered(jobs.keySet());
            long killed = killForGood("ftp-writer-3");
            Instant killedAt = Instant.now();
            log("ftp-writer-3 pid %d killed after %d of 60 jobs were delivered (%s)", killed, before.size(),
                    countBy(before));

            submitted.get(2, TimeUnit.MINUTES);
            assertThat(jobs).hasSize(60);
            for (String jobId : jobs.keySet()) {
                assertThat(awaitFinished(jobId)).as(jobId).isEqualTo("success");
            }
            String expected = idsCsv(20_000);
            for (String file : jobs.values()) {
                assertThat(Files.readString(files.resolve(file))).as(file).isEqualTo(expected);
            }
            assertThat(countFiles(files)).isEqualTo(60);
            await().atMost(LONG).until(() -> delivered(jobs.keySet()).size() == jobs.size());
            log("deliveries by instance: %s", countBy(delivered(jobs.keySet())));
            assertThat(before.values()).as("work before the kill").contains("ftp-writer-1", "ftp-writer-2",
                    "ftp-writer-3");
            Set<Long> partitionsOfKilled = before.entrySet().stream().filter(e -> e.getValue().equals("ftp-writer-3"))
                    .map(e -> Long.parseLong(e.getKey()) % Supervisor.TOPIC_PARTITIONS).collect(Collectors.toSet());
            assertThat(deliveredAfter(jobs.keySet(), killedAt)).as("jobs of the killed instance's partitions")
                    .anySatisfy((job, worker) -> {
                        assertThat(partitionsOfKilled).contains(Long.parseLong(job) % Supervisor.TOPIC_PARTITIONS);
                        assertThat(worker).isNotEqualTo("ftp-writer-3");
                    });
            List<JobEvent> all = events.all();
            for (String jobId : jobs.keySet()) {
                assertThat(all).filteredOn(e -> e.getJobId().equals(jobId) && e.getType() == JobEventType.DELIVERED)
                        .as(jobId).hasSizeBetween(1, 2);
            }
        }
    }

    // --- kills

    /** SIGKILLs a service's (first) process and waits until the supervisor has it running and ready again. */
    private static long kill(String service) {
        long pid = instance(service).path("pid").asLong();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        await().atMost(LONG).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode now = instance(service);
            return now.path("pid").asLong(-1) > 0 && now.path("pid").asLong() != pid && now.path("ready").asBoolean();
        });
        return pid;
    }

    /** SIGKILLs a writer instance and scales the writer down past it, as when its machine is gone for good. */
    private static long killForGood(String instance) throws InterruptedException {
        long pid = instance(instance).path("pid").asLong();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        String writer = instance.substring(0, instance.lastIndexOf('-'));
        int number = Integer.parseInt(instance.substring(instance.lastIndexOf('-') + 1));
        assertThat(stack.scale(writer, number - 1, LONG)).isTrue();
        return pid;
    }

    /** A process of the stack by instance ({@code ftp-writer-3}) or by service, its first instance. */
    private static JsonNode instance(String name) {
        JsonNode services = stack.status().orElseThrow().path("services");
        for (String field : List.of("instance", "name")) {
            for (JsonNode node : services) {
                if (node.path(field).asText().equals(name)) {
                    return node;
                }
            }
        }
        throw new AssertionError("No service " + name + " in the stack's status");
    }

    // --- jobs

    private static String submit(String sql, String resultUrl) throws Exception {
        String form = "query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)
                + "&result=" + URLEncoder.encode(resultUrl, StandardCharsets.UTF_8);
        return api("POST", "/v3/job/issue/presto/testdb", form).path("job_id").asText();
    }

    /** The job's final status, once it has one (the API may be away while its service restarts). */
    private static String awaitFinished(String jobId) {
        return await().atMost(LONG).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> api("GET", "/v3/job/status/" + jobId).path("status").asText(),
                        s -> Set.of("success", "error", "killed").contains(s));
    }

    /** A query's result as CSV, run on the stack and read back through the API. */
    private static String queryCsv(String sql) throws Exception {
        String jobId = api("POST", "/v3/job/issue/presto/testdb",
                "query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8)).path("job_id").asText();
        assertThat(awaitFinished(jobId)).isEqualTo("success");
        return send("GET", "/v3/job/result/" + jobId + "?format=csv", null).body();
    }

    private static int uploadedParts(String session) {
        try {
            HttpResponse<String> response = send("GET", "/v3/bulk_import/show/" + session, null);
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("parts").asInt() : 0;
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    /** Each delivered job's reporting instance (the first DELIVERED event's worker). */
    private static Map<String, String> delivered(Set<String> jobIds) {
        return deliveredAfter(jobIds, Instant.EPOCH);
    }

    private static Map<String, String> deliveredAfter(Set<String> jobIds, Instant after) {
        Map<String, String> workers = new HashMap<>();
        for (JobEvent event : events.all()) {
            if (event.getType() == JobEventType.DELIVERED && jobIds.contains(event.getJobId())
                    && event.getTime().isAfter(after)) {
                workers.putIfAbsent(event.getJobId(), event.getWorker());
            }
        }
        return workers;
    }

    /** The job's events of a type, once the reader has seen at least one (the job-events reader may lag). */
    private static List<JobEvent> eventsOnceSeen(String jobId, JobEventType type) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> events.of(jobId, type), list -> !list.isEmpty());
    }

    private static Map<String, Long> countBy(Map<String, String> workers) {
        return workers.values().stream().collect(Collectors.groupingBy(w -> w, Collectors.counting()));
    }

    private static JsonNode api(String method, String path) throws Exception {
        return api(method, path, null);
    }

    private static JsonNode api(String method, String path, String form) throws Exception {
        HttpResponse<String> response = send(method, path, form);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String form)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.home().apiEndpoint() + path))
                .header("Authorization", "TD1 " + stack.home().apiKey()).timeout(Duration.ofSeconds(30));
        if (form == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- destinations

    private static String demoFtpUrl(String path) {
        return ftpUrl(stack.home().port("demo-ftp"), path, DemoFtpServer.USER, DemoFtpServer.PASSWORD);
    }

    private static String ftpUrl(int port, String path) {
        return ftpUrl(port, path, "u", "pw");
    }

    private static String ftpUrl(int port, String path, String user, String password) {
        return "ftp://" + user + ":" + password + "@127.0.0.1:" + port + "/" + path;
    }

    /** A port an FTP server can be started on later: one a test server had and gave up. */
    private static int freeFtpPort(Path files) {
        try (TestFtpServer probe = TestFtpServer.start(files, TestFtpServer.user("u", "pw"))) {
            return probe.port();
        }
    }

    private static String idsCsv(int rows) {
        StringBuilder csv = new StringBuilder("id\r\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append("\r\n");
        }
        return csv.toString();
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("FailureTest: " + String.format(format, args));
    }

    /** The records written to a topic so far, committed or not: how far a publishing transaction has got. */
    private static final class EndOffsets implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<TopicPartition> partitions;

        EndOffsets(String bootstrapServers, String topic) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        }

        long total() {
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
