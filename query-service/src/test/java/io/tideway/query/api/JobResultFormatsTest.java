package io.tideway.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.query.RunningService;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A result kept with its job is served in each of Treasure Data's formats. */
class JobResultFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningService service;
    private static String jobId;

    @BeforeAll
    static void runJob() throws Exception {
        service = RunningService.start();
        String sql = "SELECT * FROM (VALUES (1, 'a', 1.5, true), (2, 'c, \"d\"', NULL, false), (3, ' e ', 2.0, NULL)) t(n, s, d, b) ORDER BY n";
        HttpResponse<String> issued = service.postForm("/v3/job/issue/presto/testdb",
                "query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        jobId = JSON.readTree(issued.body()).get("job_id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                JSON.readTree(service.get("/v3/job/status/" + jobId).body()).get("status").asText().equals("success"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void servesCsvWithRfc4180Quoting() {
        assertThat(result("csv")).isEqualTo("1,a,1.5,true\r\n2,\"c, \"\"d\"\"\",,false\r\n3,\" e \",2.0,\r\n");
    }

    @Test
    void servesTsv() {
        assertThat(result("tsv")).isEqualTo("1\ta\t1.5\ttrue\n2\tc, \"d\"\t\tfalse\n3\t e \t2.0\t\n");
    }

    @Test
    void servesOneJsonArrayPerLine() {
        assertThat(result("json")).isEqualTo("[1,\"a\",1.5,true]\n[2,\"c, \\\"d\\\"\",null,false]\n[3,\" e \",2.0,null]\n");
    }

    @Test
    void servesGzippedMessagePackWithoutContentEncoding() throws Exception {
        HttpResponse<byte[]> response = service.sendForBytes(java.net.http.HttpRequest.newBuilder(
                service.uri("/v3/job/result/" + jobId + "?format=msgpack.gz"))
                .header("Authorization", "TD1 " + RunningService.API_KEY).build());

        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        byte[] rows = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(response.body())).readAllBytes();
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(expected);
        out.write(new byte[] {(byte) 0x94, 0x01, (byte) 0xa1, 'a', (byte) 0xcb});
        out.writeDouble(1.5);
        out.write(new byte[] {(byte) 0xc3, (byte) 0x94, 0x02, (byte) 0xa6});
        out.write("c, \"d\"".getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] {(byte) 0xc0, (byte) 0xc2, (byte) 0x94, 0x03, (byte) 0xa3, ' ', 'e', ' ', (byte) 0xcb});
        out.writeDouble(2.0);
        out.write(0xc0);
        assertThat(rows).isEqualTo(expected.toByteArray());
    }

    @Test
    void showsTheResultSchemaAndRowCount() throws Exception {
        JsonNode job = JSON.readTree(service.get("/v3/job/show/" + jobId).body());

        assertThat(job.get("num_records").asLong()).isEqualTo(3);
        assertThat(job.get("hive_result_schema").asText())
                .isEqualTo("[[\"n\", \"bigint\"], [\"s\", \"varchar\"], [\"d\", \"double\"], [\"b\", \"boolean\"]]");
    }

    private static String result(String format) {
        HttpResponse<String> response = service.get("/v3/job/result/" + jobId + "?format=" + format);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
