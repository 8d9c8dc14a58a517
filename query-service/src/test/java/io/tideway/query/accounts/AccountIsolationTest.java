package io.tideway.query.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.query.RunningService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accounts made with AccountAdmin while the service runs; each sees its own warehouse only. */
class AccountIsolationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY = Pattern.compile("(master|write-only) key:\\s+(\\S+)");
    private static RunningService service;
    private static String masterKey;
    private static String writeOnlyKey;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        String printed = admin("create", "analytics");
        Matcher m = KEY.matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        masterKey = m.group(2);
        assertThat(m.find()).as(printed).isTrue();
        writeOnlyKey = m.group(2);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void createsAnAccountWithTwoKeysInTreasureDataFormStoringOnlyDigests() throws Exception {
        assertThat(masterKey).matches("2/[0-9a-f]{40}");
        assertThat(writeOnlyKey).matches("2/[0-9a-f]{40}").isNotEqualTo(masterKey);
        assertThat(admin("list")).contains("1\tlocal").contains("2\tanalytics");
        JsonNode validated = JSON.readTree(service.call("GET", "/v3/user/apikey/validate", masterKey, null).body());
        assertThat(validated.get("account_id").asInt()).isEqualTo(2);
        assertThat(validated.get("key_type").asText()).isEqualTo("master");
        assertThat(JSON.readTree(service.call("GET", "/v3/user/apikey/validate", writeOnlyKey, null).body())
                .get("key_type").asText()).isEqualTo("write_only");
        assertThat(service.dataDir().resolve("accounts.json")).content().doesNotContain(masterKey.substring(2))
                .doesNotContain(writeOnlyKey.substring(2));
    }

    @Test
    void printsTheBootstrapAccountsWriteOnlyKey() {
        assertThat(admin("write-only-key", RunningService.API_KEY).strip()).isEqualTo(RunningService.WRITE_ONLY_KEY);
    }

    @Test
    void keepsEachAccountsDatabasesApart() {
        assertThat(service.call("POST", "/v3/database/create/shared_name", masterKey, null).statusCode()).isEqualTo(200);
        service.call("POST", "/v3/database/create/shared_name", RunningService.API_KEY, null);
        service.call("POST", "/v3/table/create/shared_name/own_table", masterKey, null);

        assertThat(service.call("GET", "/v3/table/list/shared_name", masterKey, null).body()).contains("own_table");
        assertThat(service.get("/v3/table/list/shared_name").body()).doesNotContain("own_table");
        assertThat(service.call("GET", "/v3/database/list", masterKey, null).body()).doesNotContain("testdb");
        assertThat(service.call("GET", "/v3/table/list/testdb", masterKey, null).statusCode()).isEqualTo(404);
    }

    @Test
    void failsEveryQueryThatReachesForAnotherAccountsTable() throws Exception {
        service.call("POST", "/v3/database/create/isolated", masterKey, null);

        for (String sql : new String[] {"SELECT count(*) FROM testdb.www_access",
                "SELECT count(*) FROM warehouse.testdb.www_access",
                "ATTACH '" + service.dataDir().resolve("warehouse.duckdb") + "' AS other (READ_ONLY)",
                "SELECT count(*) FROM '" + service.dataDir().resolve("warehouse.duckdb") + "'"}) {
            String jobId = issue("isolated", sql);

            await().atMost(Duration.ofSeconds(60)).until(() -> status(jobId).get("status").asText().equals("error"));
            assertThat(status(jobId).get("num_records").asLong()).as(sql).isZero();
        }
        String ownJob = issue("isolated", "SELECT 42 AS answer");
        await().atMost(Duration.ofSeconds(60)).until(() -> status(ownJob).get("status").asText().equals("success"));
    }

    private static String issue(String database, String sql) throws Exception {
        HttpResponse<String> issued = service.call("POST", "/v3/job/issue/presto/" + database + "?query="
                + URLEncoder.encode(sql, StandardCharsets.UTF_8), masterKey, null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        return JSON.readTree(issued.body()).get("job_id").asText();
    }

    private static JsonNode status(String jobId) throws Exception {
        return JSON.readTree(service.call("GET", "/v3/job/show/" + jobId, masterKey, null).body());
    }

    private static String admin(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--data-dir";
        all[1] = service.dataDir().toString();
        System.arraycopy(args, 0, all, 2, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AccountAdmin.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
