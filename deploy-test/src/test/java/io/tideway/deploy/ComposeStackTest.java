package io.tideway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The whole compose stack, built from this checkout and brought up by the local {@code docker compose}: the seed's
 * three {@code td query --result ...} examples submitted through the REST API, each read back where it was
 * delivered. Needs a Docker engine with the compose plugin; skipped where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
@Tag("docker")
class ComposeStackTest {

    private static final String SEED_QUERY =
            "SELECT v['code'] AS code, COUNT(1) AS cnt FROM www_access GROUP BY v['code'] ORDER BY code";
    private static final Pattern JOB_ID = Pattern.compile("\"job_id\"\\s*:\\s*\"?(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");
    private static final Duration DELIVERY = Duration.ofMinutes(3);

    private static final String API_KEY = "1/" + HexFormat.of().formatHex(random(20));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static ComposeContainer stack;
    private static URI api;

    @BeforeAll
    static void startStack() throws IOException {
        assumeTrue(composeAvailable(), "a Docker engine runs but `docker compose` does not: install the compose plugin");
        stack = new ComposeContainer(ComposeFile.repository().resolve("docker-compose.yml").toFile())
                .withBuild(true)
                .withPull(false)
                .withEnv(Map.of(
                        "TIDEWAY_SECRET_KEY", Base64.getEncoder().encodeToString(random(32)),
                        "TIDEWAY_API_KEY", API_KEY,
                        "TIDEWAY_API_PORT", String.valueOf(freePort()),
                        "TIDEWAY_KAFKA_PORT", String.valueOf(freePort())))
                .withExposedService("query-service", 8080,
                        Wait.forHttp("/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(10)))
                .waitingFor("ftp-writer", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)))
                .waitingFor("web-writer", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)))
                .waitingFor("td-writer", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)))
                .waitingFor("demo-ftp", Wait.forHealthcheck())
                .waitingFor("demo-web", Wait.forHealthcheck())
                .withStartupTimeout(Duration.ofMinutes(20));
        stack.start();
        api = URI.create("http://" + stack.getServiceHost("query-service", 8080) + ":"
                + stack.getServicePort("query-service", 8080));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void deliversTheSeedQueryAsCsvToTheDemoFtpServer() throws Exception {
        String expected = "code,cnt\r\n" + resultCsv(succeeded(issue(SEED_QUERY, null)));

        succeeded(issue(SEED_QUERY, "ftp://user:password@demo-ftp/reports/path.csv"));

        assertThat(read("demo-ftp", "/srv/ftp/user/reports/path.csv")).isEqualTo(expected);
    }

    @Test
    void deliversTheSeedQueryAsJsonToTheDemoWebReceiver() throws Exception {
        succeeded(issue(SEED_QUERY, "web://user:password@demo-web/hooks/codes"));

        assertThat(read("demo-web", "/srv/web/hooks/codes"))
                .startsWith("{\"column_names\":[\"code\",\"cnt\"],\"column_types\":[\"string\",\"long\"],\"data\":[[");
    }

    @Test
    void replacesAWarehouseTableWithTheSeedQuery() throws Exception {
        String table = "td://@/testdb/output_table?mode=replace";
        succeeded(issue(SEED_QUERY, table));
        succeeded(issue(SEED_QUERY, table));

        String rows = resultCsv(succeeded(issue("SELECT COUNT(1) FROM output_table", null)));
        String codes = resultCsv(succeeded(issue("SELECT COUNT(DISTINCT v['code']) FROM www_access", null)));
        assertThat(rows).isEqualTo(codes);
    }

    private static String issue(String query, String result) throws Exception {
        String form = "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + (result == null ? "" : "&result=" + URLEncoder.encode(result, StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(request("/v3/job/issue/presto/testdb")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("job/issue: %s", response.body()).isEqualTo(200);
        return group(JOB_ID, response.body());
    }

    /** Waits for the job to end and asserts it succeeded (delivered, when it has a destination). */
    private static String succeeded(String jobId) {
        String[] status = {null};
        await().atMost(DELIVERY).pollInterval(Duration.ofSeconds(1)).until(() -> {
            status[0] = group(STATUS, get("/v3/job/status/" + jobId));
            return status[0].equals("success") || status[0].equals("error") || status[0].equals("killed");
        });
        assertThat(status[0]).as("job %s: %s", jobId, status[0].equals("success") ? "" : showJob(jobId))
                .isEqualTo("success");
        return jobId;
    }

    private static String resultCsv(String jobId) throws Exception {
        return get("/v3/job/result/" + jobId + "?format=csv");
    }

    private static String showJob(String jobId) {
        try {
            return get("/v3/job/show/" + jobId);
        } catch (Exception e) {
            return "job/show failed: " + e;
        }
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "TD1 " + API_KEY);
    }

    /** A file inside the first container of a service, read with cat. */
    private static String read(String service, String path) throws Exception {
        ContainerState container = stack.getContainerByServiceName(service)
                .or(() -> stack.getContainerByServiceName(service + "-1"))
                .orElseThrow(() -> new AssertionError("No container of service " + service));
        ExecResult cat = container.execInContainer("cat", path);
        assertThat(cat.getExitCode()).as("cat %s in %s: %s", path, service, cat.getStderr()).isZero();
        return cat.getStdout();
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new AssertionError("No " + pattern + " in " + text);
        }
        return m.group(1);
    }

    private static boolean composeAvailable() {
        try {
            Process version = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
            String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return version.waitFor() == 0 && !output.isBlank();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static byte[] random(int bytes) {
        byte[] out = new byte[bytes];
        new SecureRandom().nextBytes(out);
        return out;
    }
}
