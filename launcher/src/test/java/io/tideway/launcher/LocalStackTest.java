package io.tideway.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.treasuredata.client.TDClient;
import com.treasuredata.client.model.TDJob;
import com.treasuredata.client.model.TDJobRequest;
import com.treasuredata.client.model.TDJobRequestBuilder;
import io.tideway.testing.TestFtpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack as a user runs it: a real broker, query-service and ftp-writer as separate processes under the
 * supervisor, the demo FTP server; jobs submitted through the REST API and the td command line, files read back.
 */
class LocalStackTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path home;

    private static LocalStack stack;
    private static TDClient client;

    @BeforeAll
    static void startStack() throws Exception {
        stack = new LocalStack(REPO, home);
        stack.up(true);
        client = TDClient.newBuilder().setEndpoint("127.0.0.1").setPort(stack.home().port("api"))
                .setUseSSL(false).setApiKey(stack.home().apiKey()).setRetryLimit(0).build();
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (client != null) {
            client.close();
        }
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    void deliversTheSeedExampleToFtpByteForByte() throws IOException {
        String jobId = submit("SELECT * FROM (VALUES ('a','b'),('c',' d '),('e','f')) t(_c0,_c1)",
                ftpUrl("seed/path.csv"));

        awaitFinished(jobId);

        assertThat(client.jobInfo(jobId).getStatus()).isEqualTo(TDJob.Status.SUCCESS);
        assertThat(Files.readString(ftpFile("seed/path.csv"), StandardCharsets.UTF_8))
                .isEqualTo("_c0,_c1\r\na,b\r\nc,\" d \"\r\ne,f\r\n");
    }

    @Test
    void tdQueryWaitsForDeliveryAndNamesTheMaskedDestination() throws Exception {
        Result td = td("query", "--result", ftpUrl("reports/codes.csv"), "-w", "-d", "testdb",
                "SELECT v['code'] AS code, COUNT(1) AS cnt FROM www_access GROUP BY v['code'] ORDER BY code");

        assertThat(td.exit()).as(td.toString()).isZero();
        assertThat(td.stdout() + td.stderr()).contains("Result delivered to ftp://user:***@127.0.0.1:")
                .doesNotContain(DemoFtpServer.PASSWORD + "@");
        List<String> lines = Files.readAllLines(ftpFile("reports/codes.csv"));
        assertThat(lines.get(0)).isEqualTo("code,cnt");
        assertThat(lines.subList(1, lines.size())).isNotEmpty().allMatch(line -> line.matches("\\d{3},\\d+"));
    }

    @Test
    void deliversJsonToTheWebReceiverWithBasicAuth() throws IOException {
        String url = "web://user:" + DemoFtpServer.PASSWORD + "@127.0.0.1:" + stack.home().port("demo-web")
                + "/hooks/seed";
        String jobId = submit("SELECT * FROM (VALUES ('a', 1, true), ('c', NULL, false)) t(s, n, b)", url);

        awaitFinished(jobId);

        assertThat(client.jobInfo(jobId).getStatus()).isEqualTo(TDJob.Status.SUCCESS);
        assertThat(Files.readString(home.resolve("web/hooks/seed.json"), StandardCharsets.UTF_8)).isEqualTo(
                "{\"column_names\":[\"s\",\"n\",\"b\"],\"column_types\":[\"string\",\"long\",\"boolean\"],"
                        + "\"data\":[[\"a\",1,true],[\"c\",null,false]]}");
    }

    @Test
    void aRefusedFtpLoginFailsTheJobWithTheServersReplyAndNoPassword() throws Exception {
        String url = "ftp://user:wrong-secret@127.0.0.1:" + stack.home().port("demo-ftp") + "/denied.csv";

        Result td = td("query", "--result", url, "-w", "-d", "testdb", "SELECT 1 AS one");

        assertThat(td.exit()).isNotZero();
        assertThat(td.stdout() + td.stderr()).contains("530").doesNotContain("wrong-secret");
        assertThat(ftpFile("denied.csv")).doesNotExist();
    }

    @Test
    void aWriterKilledMidDeliveryIsRestartedAndDeliversTheWholeFileOnce() throws Exception {
        String jobId = submit("SELECT i AS id, 'row ' || i AS label, i * 0.5 AS half FROM range(1000000) t(i)",
                ftpUrl("big/million.csv"));
        long writerPid = pidOf("ftp-writer");
        Path ftpHome = home.resolve("ftp");
        await().atMost(Duration.ofMinutes(2)).until(() -> uploadStarted(ftpHome.resolve("big")));

        ProcessHandle.of(writerPid).ifPresent(ProcessHandle::destroyForcibly);

        await().atMost(Duration.ofMinutes(3)).until(() -> pidOf("ftp-writer") != writerPid);
        awaitFinished(jobId);
        assertThat(client.jobInfo(jobId).getStatus()).isEqualTo(TDJob.Status.SUCCESS);
        try (Stream<String> lines = Files.lines(ftpFile("big/million.csv"))) {
            assertThat(lines.count()).isEqualTo(1_000_001);
        }
        try (Stream<Path> files = Files.list(ftpHome.resolve("big"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("million.csv");
        }
        assertThat(restartsOf("ftp-writer")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void statusListsEveryServiceWithItsPid() {
        JsonNode status = stack.status().orElseThrow();

        assertThat(status.path("state").asText()).isEqualTo("ready");
        List<String> names = new ArrayList<>();
        status.path("services").forEach(s -> names.add(s.path("name").asText()));
        assertThat(names).contains("kafka", "query-service", "ftp-writer", "web-writer", "scheduler", "demo-ftp", "demo-web");
        if (Files.exists(REPO.resolve("td-writer/target/runtime-classpath.txt"))) {
            assertThat(names).contains("td-writer");
        }
        status.path("services").forEach(s -> assertThat(s.path("pid").asLong()).as(s.toString()).isPositive());
        status.path("services").forEach(s -> assertThat(s.path("url").asText()).as(s.toString()).isNotBlank());
    }

    @Test
    void aScaledWriterRunsInstancesInOneGroupAndAKilledInstanceIsRestarted() throws Exception {
        long firstPid = pidOf("ftp-writer");
        try {
            assertThat(stack.scale("ftp-writer", 2, Duration.ofMinutes(3))).isTrue();

            List<JsonNode> writers = stack.instances("ftp-writer");
            assertThat(writers).extracting(w -> w.path("instance").asText())
                    .containsExactly("ftp-writer-1", "ftp-writer-2");
            assertThat(writers).extracting(w -> w.path("url").asText()).doesNotHaveDuplicates();
            assertThat(writers.get(0).path("pid").asLong()).as("the first instance keeps running").isEqualTo(firstPid);
            assertThat(stack.home().reload().scale("ftp-writer")).as("kept for the next up").isEqualTo(2);
            deliverSmallFile("scaled/before-kill.csv");

            long secondPid = instance("ftp-writer-2").path("pid").asLong();
            ProcessHandle.of(secondPid).ifPresent(ProcessHandle::destroyForcibly);

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode second = instance("ftp-writer-2");
                return second.path("pid").asLong(-1) > 0 && second.path("pid").asLong() != secondPid
                        && second.path("ready").asBoolean();
            });
            assertThat(instance("ftp-writer-2").path("restarts").asInt()).isEqualTo(1);
            assertThat(pidOf("ftp-writer")).isEqualTo(firstPid);
            deliverSmallFile("scaled/after-kill.csv");
        } finally {
            stack.scale("ftp-writer", 1, Duration.ofMinutes(2));
        }
        assertThat(stack.instances("ftp-writer")).hasSize(1);
    }

    @Test
    void accountCommandsRunQueryServicesAccountAdminOnTheStacksDataDirectory() throws Exception {
        Result created = run(Account.command(REPO, stack.home(), List.of("create", "acme")));
        Result listed = run(Account.command(REPO, stack.home(), List.of("list")));

        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.stdout()).contains("acme").contains("master key:");
        assertThat(listed.exit()).as(listed.toString()).isZero();
        assertThat(listed.stdout().lines()).anyMatch(line -> line.endsWith("\tacme"));
    }

    /**
     * A session with a secret in every place one could leak from (FTP and web passwords, a td:// API key, a saved
     * destination, a schedule, a delivery refused for wrong credentials, the stack's own API and secret keys): none
     * of them is in clear in any log line, any record of any topic, or any API listing.
     */
    @Test
    void noSecretOfASessionIsInClearInLogsTopicsOrListings() throws Exception {
        String tag = Long.toHexString(System.nanoTime());
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("ftp password", "ftpPw-" + tag);
        secrets.put("wrong ftp password", "wrongPw-" + tag);
        secrets.put("web password", "webPw-" + tag);
        secrets.put("td:// API key", "1/" + "ab".repeat(12) + tag.substring(0, Math.min(16, tag.length())));
        secrets.put("saved destination password", "savedPw-" + tag);
        secrets.put("schedule password", "schedPw-" + tag);
        secrets.put("stack API key", stack.home().apiKey());
        secrets.put("deployment secret key", stack.home().secretKey());
        Path ftpHome = Files.createDirectories(home.resolve("scan-ftp"));
        try (TestFtpServer ftp = TestFtpServer.start(ftpHome, TestFtpServer.user("scan",
                     secrets.get("ftp password")), TestFtpServer.user("saved", secrets.get("saved destination password")));
             ReceivingWebServer web = ReceivingWebServer.start("scan", secrets.get("web password"))) {
            String ftpBase = "ftp://scan:" + secrets.get("ftp password") + "@127.0.0.1:" + ftp.port();
            List<String> jobs = new ArrayList<>();
            jobs.add(submit("SELECT 'ftp' AS s", ftpBase + "/scan/out.csv"));
            jobs.add(submit("SELECT 'web' AS s", "web://scan:" + secrets.get("web password") + "@127.0.0.1:"
                    + web.port() + "/hook"));
            String refused = submit("SELECT 'refused' AS s", "ftp://scan:" + secrets.get("wrong ftp password")
                    + "@127.0.0.1:" + ftp.port() + "/scan/refused.csv");
            submit("SELECT 'td' AS s", "td://" + secrets.get("td:// API key") + "@127.0.0.1:"
                    + stack.home().port("api") + "/testdb/scan_copy"); // not awaited: td-writer may not run here
            assertThat(api("POST", "/v3/result/create/scan_saved", "url=ftp://saved:"
                    + secrets.get("saved destination password") + "@127.0.0.1:" + ftp.port() + "/saved/").statusCode())
                    .isEqualTo(200);
            jobs.add(submit("SELECT 'saved' AS s", "scan_saved:saved.csv"));
            assertThat(api("POST", "/v3/schedule/create/scan_sched", "cron=@daily&database=testdb&query=SELECT+1"
                    + "&result=" + java.net.URLEncoder.encode("ftp://scan:" + secrets.get("schedule password")
                    + "@127.0.0.1:" + ftp.port() + "/sched.csv", StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);
            for (String job : jobs) {
                awaitFinished(job);
                assertThat(client.jobInfo(job).getStatus()).as(job + ": " + client.jobInfo(job).getStdErr())
                        .isEqualTo(TDJob.Status.SUCCESS);
            }
            awaitFinished(refused);
            assertThat(client.jobInfo(refused).getStatus()).isEqualTo(TDJob.Status.ERROR);
            assertThat(web.bodies()).hasSize(1);

            SecretScan scan = new SecretScan(secrets);
            int[] records = {0};
            List<String> found = new ArrayList<>(scan.topics(stack.home().bootstrapServers(), records));
            found.addAll(scan.logs(stack.home().logs()));
            for (String listing : List.of("/v3/result/list", "/v3/schedule/list", "/v3/job/list?from=0&to=200")) {
                String body = api("GET", listing, null).body();
                secrets.forEach((label, secret) -> {
                    if (body.contains(secret)) {
                        found.add(label + " in " + listing);
                    }
                });
            }

            assertThat(records[0]).as("records read").isGreaterThan(20);
            assertThat(found).isEmpty();
            // the scan sees what is there: the masked URL of the first job, on jobs and job-events, and in its logs
            SecretScan canary = new SecretScan(Map.of("masked URL",
                    "ftp://scan:***@127.0.0.1:" + ftp.port() + "/scan/out.csv"));
            assertThat(canary.topics(stack.home().bootstrapServers(), new int[1])).isNotEmpty();
            assertThat(canary.logs(stack.home().logs())).isNotEmpty();
        }
    }

    private static java.net.http.HttpResponse<String> api(String method, String path, String form) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(stack.home().apiEndpoint() + path))
                .header("Authorization", "TD1 " + stack.home().apiKey())
                .method(method, form == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aScheduleWithASavedTableDestinationWritesIntoTheCreatorsOwnTable() throws Exception {
        Result saved = td("result:create", "mydb", "td://@/testdb");
        Result created = td("sched:create", "to_mydb", "", "-d", "testdb", "--result", "mydb:scheduled_rows",
                "SELECT 'tick-' || CAST(TD_SCHEDULED_TIME() AS VARCHAR) AS marker");
        Result run = td("sched:run", "to_mydb", "1767225600");
        assertThat(saved.exit()).as(saved.toString()).isZero();
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(run.exit()).as(run.toString()).isZero();
        java.util.regex.Matcher job = java.util.regex.Pattern.compile("[0-9]+\\.to_mydb\\.1767225600\\.run[0-9]+")
                .matcher(run.stdout());
        assertThat(job.find()).as(run.toString()).isTrue();
        String jobId = job.group();

        awaitFinished(jobId);

        assertThat(client.jobInfo(jobId).getStatus()).as(client.jobInfo(jobId).toString())
                .isEqualTo(TDJob.Status.SUCCESS);
        Result rows = td("query", "-w", "-d", "testdb", "SELECT marker FROM scheduled_rows");
        assertThat(rows.stdout()).as(rows.toString()).contains("tick-1767225600");
        Result listed = td("result:list");
        assertThat(listed.stdout()).contains("td://@/testdb").doesNotContain(stack.home().apiKey());
    }

    private void deliverSmallFile(String path) throws IOException {
        String jobId = submit("SELECT * FROM (VALUES (1, 'two')) t(one, two)", ftpUrl(path));
        awaitFinished(jobId);
        assertThat(client.jobInfo(jobId).getStatus()).isEqualTo(TDJob.Status.SUCCESS);
        assertThat(Files.readString(ftpFile(path), StandardCharsets.UTF_8)).isEqualTo("one,two\r\n1,two\r\n");
    }

    private static JsonNode instance(String instance) {
        for (JsonNode node : stack.status().orElseThrow().path("services")) {
            if (node.path("instance").asText().equals(instance)) {
                return node;
            }
        }
        throw new AssertionError("No instance " + instance + " in the stack's status");
    }

    private static boolean uploadStarted(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> !p.getFileName().toString().equals("million.csv"));
        }
    }

    private String submit(String sql, String resultUrl) {
        TDJobRequest request = new TDJobRequestBuilder().setType("presto").setDatabase("testdb").setQuery(sql)
                .setResultOutput(resultUrl).createTDJobRequest();
        return client.submit(request);
    }

    private void awaitFinished(String jobId) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.jobStatus(jobId).getStatus().isFinished());
    }

    private static String ftpUrl(String path) {
        return "ftp://" + DemoFtpServer.USER + ":" + DemoFtpServer.PASSWORD + "@127.0.0.1:"
                + stack.home().port("demo-ftp") + "/" + path;
    }

    private static Path ftpFile(String path) {
        return home.resolve("ftp").resolve(path);
    }

    private static long pidOf(String service) {
        return serviceStatus(service).path("pid").asLong(-1);
    }

    private static int restartsOf(String service) {
        return serviceStatus(service).path("restarts").asInt();
    }

    private static JsonNode serviceStatus(String service) {
        for (JsonNode node : stack.status().orElseThrow().path("services")) {
            if (node.path("name").asText().equals(service)) {
                return node;
            }
        }
        throw new AssertionError("No service " + service + " in the stack's status");
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result td(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Classpaths.of(REPO, "cli"), "io.tideway.cli.TdMain"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Result run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("TD_API_SERVER", stack.home().apiEndpoint());
        builder.environment().put("TD_API_KEY", stack.home().apiKey());
        Path out = Files.createTempFile(home, "td", ".out");
        Path err = Files.createTempFile(home, "td", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit = process.waitFor();
        return new Result(exit, Files.readString(out), Files.readString(err));
    }
}
