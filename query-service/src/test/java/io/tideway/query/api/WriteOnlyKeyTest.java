package io.tideway.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tideway.query.ImportBodies;
import io.tideway.query.RunningService;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A write-only key imports into tables and does nothing else. */
class WriteOnlyKeyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = RunningService.WRITE_ONLY_KEY;
    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
        service.call("POST", "/v3/database/create/wo_db", RunningService.API_KEY, null);
        service.call("POST", "/v3/table/create/wo_db/events", RunningService.API_KEY, null);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void importsByStreamAndByBulkAppend() {
        byte[] body = ImportBodies.gzipMsgpack(List.of(Map.of("time", 1L, "v", 1)));

        assertThat(service.call("PUT", "/v3/table/import/wo_db/events/msgpack.gz", KEY, body).statusCode()).isEqualTo(200);
        assertThat(service.call("PUT", "/v3/table/import_with_id/wo_db/events/id1/msgpack.gz", KEY, body).statusCode())
                .isEqualTo(200);
        assertThat(service.call("POST", "/v3/bulk_import/create/wo_1/wo_db/bulk_events", KEY, null).statusCode())
                .isEqualTo(200);
        assertThat(service.call("PUT", "/v3/bulk_import/upload_part/wo_1/1", KEY, body).statusCode()).isEqualTo(200);
        assertThat(service.call("GET", "/v3/bulk_import/show/wo_1", KEY, null).statusCode()).isEqualTo(200);
        assertThat(service.call("POST", "/v3/bulk_import/commit/wo_1?mode=append", KEY, null).statusCode())
                .isEqualTo(200);
        assertThat(service.call("GET", "/v3/system/server_status", KEY, null).statusCode()).isEqualTo(200);
        assertThat(service.call("GET", "/v3/user/apikey/validate", KEY, null).body()).contains("\"write_only\"");
        assertThat(service.get("/v3/table/show/wo_db/events").body()).contains("\"count\":2");
        assertThat(service.get("/v3/table/show/wo_db/bulk_events").body()).contains("\"count\":1");
    }

    @Test
    void refusesEverythingElseWith403SayingTheKeyIsWriteOnly() throws Exception {
        List<String[]> calls = List.of(
                new String[] {"GET", "/v3/database/list"}, new String[] {"GET", "/v3/database/show/wo_db"},
                new String[] {"POST", "/v3/database/create/wo_other"}, new String[] {"POST", "/v3/database/delete/wo_db"},
                new String[] {"GET", "/v3/table/list/wo_db"}, new String[] {"GET", "/v3/table/show/wo_db/events"},
                new String[] {"POST", "/v3/table/create/wo_db/other"}, new String[] {"POST", "/v3/table/delete/wo_db/events"},
                new String[] {"POST", "/v3/table/swap/wo_db/events/other"},
                new String[] {"POST", "/v3/table/rename/wo_db/events/other"},
                new String[] {"POST", "/v3/job/issue/presto/wo_db?query=SELECT+1"}, new String[] {"GET", "/v3/job/list"},
                new String[] {"GET", "/v3/job/show/1"}, new String[] {"POST", "/v3/job/kill/1"});
        for (String[] call : calls) {
            HttpResponse<String> response = service.call(call[0], call[1], KEY, null);

            assertThat(response.statusCode()).as(call[1]).isEqualTo(403);
            assertThat(JSON.readTree(response.body()).get("text").asText()).as(call[1])
                    .startsWith("This API key is write-only");
        }
        assertThat(service.get("/v3/table/list/wo_db").body()).doesNotContain("\"other\"");
    }

    @Test
    void refusesAReplacingCommitWith403() throws Exception {
        service.call("POST", "/v3/bulk_import/create/wo_2/wo_db/events", KEY, null);
        service.call("PUT", "/v3/bulk_import/upload_part/wo_2/1", KEY,
                ImportBodies.gzipMsgpack(List.of(Map.of("time", 5L))));

        HttpResponse<String> replace = service.call("POST", "/v3/bulk_import/commit/wo_2?mode=replace", KEY, null);

        assertThat(replace.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(replace.body()).get("text").asText()).contains("write-only").contains("mode=replace");
        assertThat(service.call("GET", "/v3/bulk_import/show/wo_2", KEY, null).body()).contains("\"uploading\"");
    }
}
