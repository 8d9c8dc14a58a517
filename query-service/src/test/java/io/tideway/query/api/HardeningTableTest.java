package io.tideway.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tideway.query.JsonApi;
import io.tideway.query.RunningService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of bad inputs in docs/hardening.md, run as written: each row's request against a running service gets
 * the row's status and an answer containing the row's words, never a stack trace; afterwards the service is healthy
 * and runs a job. The table is parsed here, so the document and the test cannot drift apart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HardeningTableTest {

    private static final Path TABLE = Path.of("..", "docs", "hardening.md");
    /** {@code | n | area | input | `request` | status | `answer` |} */
    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*(\\d+)\\s*\\|[^|]*\\|([^|]*)\\|\\s*`(.+?)`\\s*\\|\\s*(\\S+)\\s*\\|\\s*`(.*?)`\\s*\\|\\s*$");
    private static final Pattern REPEAT = Pattern.compile("\\{(.)\\*(\\d+)}");
    private static final Pattern HEX = Pattern.compile("\\{hex:([0-9a-f ]+)}");

    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        JsonApi api = new JsonApi(service);
        api.ok("/v3/database/create/hardening_db");
        api.ok("/v3/result/create/hardening_saved", "url", "ftp://u:p@127.0.0.1:1/dir/");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static Stream<Arguments> rows() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        for (String line : Files.readAllLines(TABLE)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(Arguments.of(m.group(1) + ": " + m.group(2).strip(), m.group(3).replace("\\|", "|"),
                        m.group(4), m.group(5)));
            }
        }
        assertThat(rows).as("rows in " + TABLE).hasSizeGreaterThanOrEqualTo(40);
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    @Order(1)
    void answersEachBadInputAsTheTableSays(String name, String request, String status, String answer) {
        Answer got = send(request);
        if (status.matches("\\d+")) {
            assertThat(got.status()).as(name + ": " + got.body()).isEqualTo(Integer.parseInt(status));
            assertThat(got.body()).as(name).contains(answer);
        } else {
            assertThat(got.status()).as(name + ": " + got.body()).isEqualTo(200);
            JsonNode job = awaitFinished(JsonApi.json(got.response()).get("job_id").asText());
            assertThat(job.get("status").asText()).as(name).isEqualTo(status);
            assertThat(job.get("debug").get("stderr").asText()).as(name).contains(answer);
        }
        assertThat(got.body()).as(name + ": no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(got.body()).as(name + ": no password echoed").doesNotContain("hunter2");
        assertThat(got.body()).as(name + ": no password echoed").doesNotContain("hunter2");
    }

    @Test
    @Order(2)
    void isHealthyAndRunsAJobAfterEveryBadInput() {
        assertThat(service.send(HttpRequest.newBuilder(service.uri("/health")).build()).statusCode()).isEqualTo(200);
        JsonNode issued = JsonApi.json(service.postForm("/v3/job/issue/presto/testdb", "query=SELECT+1+AS+ok"));
        assertThat(awaitFinished(issued.get("job_id").asText()).get("status").asText()).isEqualTo("success");
    }

    /**
     * A row's request: {@code [key=KEY] [type=CONTENT-TYPE] [twice] METHOD PATH [BODY]}. KEY is {@code none},
     * {@code wrong}, {@code write-only} or {@code malformed}; the body is sent as a form unless a type is given;
     * {@code {c*N}} is N times c, {@code {hex:ff fe}} raw bytes, {@code {uuid}} a fresh id; {@code twice} sends the
     * request twice and answers the second.
     */
    private static Answer send(String spec) {
        String rest = spec.replace("{uuid}", UUID.randomUUID().toString().replace("-", ""));
        String key = RunningService.API_KEY;
        String type = "application/x-www-form-urlencoded";
        boolean twice = false;
        while (true) {
            if (rest.startsWith("key=")) {
                String k = rest.substring(4, rest.indexOf(' '));
                key = switch (k) {
                    case "none" -> null;
                    case "wrong" -> "1/ffffffffffffffffffffffffffffffffffffffff";
                    case "write-only" -> RunningService.WRITE_ONLY_KEY;
                    case "malformed" -> "TD1";
                    default -> throw new IllegalArgumentException("key=" + k);
                };
                rest = rest.substring(rest.indexOf(' ') + 1);
            } else if (rest.startsWith("type=")) {
                type = rest.substring(5, rest.indexOf(' '));
                rest = rest.substring(rest.indexOf(' ') + 1);
            } else if (rest.startsWith("twice ")) {
                twice = true;
                rest = rest.substring(6);
            } else {
                break;
            }
        }
        String[] parts = rest.split(" ", 3);
        byte[] body = parts.length > 2 ? expand(parts[2]) : null;
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(parts[1]))
                .method(parts[0], body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(60));
        if (key != null) {
            request.header("Authorization", key.equals("TD1") ? key : "TD1 " + key);
        }
        if (body != null) {
            request.header("Content-Type", type);
        }
        if (twice) {
            service.send(request.build());
        }
        HttpResponse<String> response = service.send(request.build());
        return new Answer(response);
    }

    private static byte[] expand(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        Matcher m = Pattern.compile(REPEAT.pattern() + "|" + HEX.pattern()).matcher(body);
        while (m.find()) {
            out.writeBytes(body.substring(at, m.start()).getBytes(StandardCharsets.UTF_8));
            if (m.group(1) != null) {
                out.writeBytes(m.group(1).repeat(Integer.parseInt(m.group(2))).getBytes(StandardCharsets.UTF_8));
            } else {
                out.writeBytes(HexFormat.of().parseHex(m.group(3).replace(" ", "")));
            }
            at = m.end();
        }
        out.writeBytes(body.substring(at).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static JsonNode awaitFinished(String id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> List.of("success", "error")
                .contains(JsonApi.json(service.get("/v3/job/show/" + id)).get("status").asText()));
        return JsonApi.json(service.get("/v3/job/show/" + id));
    }

    private record Answer(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }
    }
}
