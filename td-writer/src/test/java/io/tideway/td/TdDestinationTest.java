package io.tideway.td;

import static io.tideway.td.TdApiServer.MASTER_KEY;
import static io.tideway.td.TdApiServer.WRITE_ONLY_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tideway.destination.DestinationUrl;
import io.tideway.writer.Delivery;
import io.tideway.writer.DeliveryException;
import io.tideway.writer.DeliveryRequest;
import io.tideway.writer.Receipt;
import io.tideway.writer.service.TrustStoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The destination against a real HTTP server on loopback that implements the target's bulk-import API in memory
 * ({@link TdApiServer}), driven as the runtime drives it: open, write batches, commit (or abort).
 */
class TdDestinationTest {

    private static final String SESSION = "tideway_job_1";

    @TempDir
    Path temp;

    private final TdApiServer api = TdApiServer.start("testdb");
    private final List<TdDestination> destinations = new ArrayList<>();

    @AfterEach
    void stop() {
        api.close();
        destinations.forEach(TdDestination::close);
    }

    @Test
    void importsEveryKindOfCellAsMsgpackMapsThroughCreateUploadAndCommit() throws Exception {
        List<String> names = List.of("n", "x", "ok", "text", "tags", "attrs", "nothing");
        List<String> types = List.of("long", "double", "boolean", "string", "array<string>", "map<string,long>",
                "string");
        List<List<Object>> rows = List.of(
                Arrays.asList(1L, 1.5, true, "say \"hi\" – 日本 😀\n", "[\"a\", \"b\"]", "{\"k\": 1, \"j\": [2.5, null]}", null),
                Arrays.asList(null, null, null, null, null, null, null),
                Arrays.asList(-7L, -0.25, false, "", "[]", "{}", null));
        long before = Instant.now().getEpochSecond();

        Receipt receipt = deliver(destination(), "job-1", api.url(MASTER_KEY, "testdb/out"), names, types, rows);

        long after = Instant.now().getEpochSecond();
        assertThat(api.requestLines()).containsExactly(
                "POST /v3/bulk_import/create/" + SESSION + "/testdb/out",
                "PUT /v3/bulk_import/upload_part/" + SESSION + "/part-00000",
                "POST /v3/bulk_import/commit/" + SESSION + "?mode=append");
        assertThat(api.requests()).allSatisfy(r ->
                assertThat(r.header("Authorization")).contains("TD1 " + MASTER_KEY));
        TdApiServer.Request upload = api.requests().get(1);
        assertThat(upload.header("Content-Type")).contains("application/octet-stream");
        assertThat(upload.header("Content-Length")).contains(String.valueOf(upload.body().length));
        assertThat(upload.body()[0]).isEqualTo((byte) 0x1f);
        assertThat(upload.body()[1]).isEqualTo((byte) 0x8b);
        assertThat(api.requests().get(0).body()).isEmpty();

        List<Map<String, Object>> imported = TdApiServer.decode(upload.body());
        assertThat(imported).hasSize(3);
        long time = (Long) imported.get(0).get("time");
        assertThat(time).isBetween(before, after);
        assertRow(imported.get(0), "n", 1L, "x", 1.5, "ok", true, "text", "say \"hi\" – 日本 😀\n",
                "tags", List.of("a", "b"), "attrs", map("k", 1L, "j", Arrays.asList(2.5, null)), "nothing", null,
                "time", time);
        assertRow(imported.get(1), "n", null, "x", null, "ok", null, "text", null, "tags", null, "attrs", null,
                "nothing", null, "time", time);
        assertRow(imported.get(2), "n", -7L, "x", -0.25, "ok", false, "text", "", "tags", List.of(), "attrs", Map.of(),
                "nothing", null, "time", time);
        assertThat(api.rows("testdb", "out")).isEqualTo(imported);
        assertThat(receipt).isEqualTo(new Receipt(3, upload.body().length, 0));
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void keepsTheResultsOwnTimeColumn() throws DeliveryException {
        deliver(destination(), "job-1", api.url(MASTER_KEY, "testdb/events"), List.of("time", "v"),
                List.of("long", "string"), List.of(List.of(1_700_000_000L, "a"), List.of(1_700_000_060L, "b")));

        assertThat(api.rows("testdb", "events")).containsExactly(
                map("time", 1_700_000_000L, "v", "a"), map("time", 1_700_000_060L, "v", "b"));
    }

    @Test
    void cutsALargeResultIntoPartsUploadedAsTheyFillHoldingOnePartAtATime() throws Exception {
        TdDestination destination = destination(TdSettings.DEFAULTS.withTempDir(temp));
        Delivery delivery = destination.open(request("job-1", api.url(MASTER_KEY, "testdb/big"), List.of("n", "s"),
                List.of("long", "string")));
        long written = 0;
        for (int batch = 0; batch < 25; batch++) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 10_000; i++, written++) {
                rows.add(List.of(written, "row " + written));
            }
            delivery.write(rows);
            assertThat(partFiles()).as("part files after batch %d", batch).hasSizeLessThanOrEqualTo(1);
            if (written == 100_000) {
                assertThat(api.parts(SESSION)).as("uploaded before the commit").containsExactly("part-00000");
            }
        }
        assertThat(api.parts(SESSION)).containsExactly("part-00000", "part-00001");
        Receipt receipt = delivery.commit();

        assertThat(api.parts(SESSION)).containsExactly("part-00000", "part-00001", "part-00002");
        assertThat(api.part(SESSION, "part-00000")).hasSize(100_000);
        assertThat(api.part(SESSION, "part-00001")).hasSize(100_000);
        assertThat(api.part(SESSION, "part-00002")).hasSize(50_000);
        List<Map<String, Object>> table = api.rows("testdb", "big");
        assertThat(table).hasSize(250_000);
        for (int i = 0; i < table.size(); i += 12_345) {
            assertThat(table.get(i)).containsEntry("n", (long) i).containsEntry("s", "row " + i);
        }
        long uploaded = api.requests().stream().filter(r -> r.method().equals("PUT")).mapToLong(r -> r.body().length).sum();
        assertThat(receipt).isEqualTo(new Receipt(250_000, uploaded, 0));
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void closesAPartOnceItsMsgpackBytesReachTheLimit() throws Exception {
        int limit = 2_000;
        TdDestination destination = destination(TdSettings.DEFAULTS.withParts(1_000_000, limit));
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 500; i++) {
            rows.add(List.of(i, "x".repeat(50)));
        }

        deliver(destination, "job-1", api.url(MASTER_KEY, "testdb/wide"), List.of("n", "s"),
                List.of("long", "string"), rows);

        List<TdApiServer.Request> puts = api.requests().stream().filter(r -> r.method().equals("PUT")).toList();
        assertThat(puts).hasSizeGreaterThan(10);
        for (int i = 0; i < puts.size(); i++) {
            List<Long> sizes = TdApiServer.decode(puts.get(i).body()).stream().map(TdDestinationTest::packedSize).toList();
            long total = sizes.stream().mapToLong(Long::longValue).sum();
            assertThat(total - sizes.get(sizes.size() - 1)).as("part %d without its last row", i).isLessThan(limit);
            if (i < puts.size() - 1) {
                assertThat(total).as("part %d", i).isGreaterThanOrEqualTo(limit);
            }
        }
        assertThat(api.rows("testdb", "wide")).hasSize(500);
    }

    @Test
    void commitsWithTheModeOfTheUrlAppendingOrReplacing() throws DeliveryException {
        TdDestination destination = destination();
        deliver(destination, "job-a", api.url(MASTER_KEY, "testdb/t"), List.of("n"), List.of("long"),
                List.of(List.of(1L), List.of(2L)));
        deliver(destination, "job-b", api.url(MASTER_KEY, "testdb/t?mode=append"), List.of("n"), List.of("long"),
                List.of(List.of(3L)));
        assertThat(api.rows("testdb", "t")).extracting(r -> r.get("n")).containsExactly(1L, 2L, 3L);

        deliver(destination, "job-c", api.url(MASTER_KEY, "testdb/t?mode=replace"), List.of("n"), List.of("long"),
                List.of(List.of(9L)));

        assertThat(api.rows("testdb", "t")).extracting(r -> r.get("n")).containsExactly(9L);
        assertThat(api.requestLines()).filteredOn(l -> l.contains("/commit/")).containsExactly(
                "POST /v3/bulk_import/commit/tideway_job_a?mode=append",
                "POST /v3/bulk_import/commit/tideway_job_b?mode=append",
                "POST /v3/bulk_import/commit/tideway_job_c?mode=replace");
    }

    @Test
    void replacesWithAnEmptyResultByCommittingNoParts() throws DeliveryException {
        TdDestination destination = destination();
        deliver(destination, "job-a", api.url(MASTER_KEY, "testdb/t"), List.of("n"), List.of("long"),
                List.of(List.of(1L)));

        Receipt receipt = deliver(destination, "job-b", api.url(MASTER_KEY, "testdb/t?mode=replace"), List.of("n"),
                List.of("long"), List.of());

        assertThat(receipt).isEqualTo(new Receipt(0, 0, 0));
        assertThat(api.rows("testdb", "t")).isEmpty();
        assertThat(api.requestLines()).filteredOn(l -> l.contains("job_b")).containsExactly(
                "POST /v3/bulk_import/create/tideway_job_b/testdb/t",
                "POST /v3/bulk_import/commit/tideway_job_b?mode=replace");
    }

    @Test
    void redeliversAfterAFailureMidUploadUnderTheSameSessionAndPartNamesImportingEachRowOnce() throws Exception {
        TdDestination destination = destination(TdSettings.DEFAULTS.withParts(10, 1 << 20));
        String url = api.url(MASTER_KEY, "testdb/t");
        List<List<Object>> rows = numbers(35);
        api.failNext("PUT", "part-00002", 503, "busy", Map.of());

        Delivery first = destination.open(request("job-1", url, List.of("n"), List.of("long")));
        assertRetriable(() -> first.write(rows)).hasMessageContaining("upload part-00002").hasMessageContaining("503");
        first.abort();
        deliver(destination, "job-1", url, List.of("n"), List.of("long"), rows);

        assertThat(api.requestLines()).containsExactly(
                "POST /v3/bulk_import/create/" + SESSION + "/testdb/t",
                "PUT /v3/bulk_import/upload_part/" + SESSION + "/part-00000",
                "PUT /v3/bulk_import/upload_part/" + SESSION + "/part-00001",
                "PUT /v3/bulk_import/upload_part/" + SESSION + "/part-00002",
                "POST /v3/bulk_import/delete/" + SESSION,
                "POST /v3/bulk_import/create/" + SESSION + "/testdb/t",
                "PUT /v3/bulk_import/upload_part/" + SESSION + "/part-00000",
                "PUT /v3/bulk_import/upload_part/" + SESSION + "/part-00001",
                "PUT /v3/bulk_import/upload_part/" + SESSION + "/part-00002",
                "PUT /v3/bulk_import/upload_part/" + SESSION + "/part-00003",
                "POST /v3/bulk_import/commit/" + SESSION + "?mode=append");
        assertThat(api.rows("testdb", "t")).extracting(r -> r.get("n")).containsExactlyElementsOf(
                rows.stream().map(r -> r.get(0)).toList());
    }

    @Test
    void redeliversAfterAWriterDiedMidUploadReplacingThePartsItLeftByName() throws Exception {
        TdSettings settings = TdSettings.DEFAULTS.withParts(10, 1 << 20).withTempDir(temp);
        String url = api.url(MASTER_KEY, "testdb/t?mode=append");
        List<List<Object>> rows = numbers(35);
        TdDestination dying = destination(settings);
        Delivery first = dying.open(request("job-1", url, List.of("n"), List.of("long")));
        first.write(rows.subList(0, 25)); // parts 0 and 1 uploaded, then the writer dies: no abort, no commit
        dying.close();
        assertThat(api.parts(SESSION)).containsExactly("part-00000", "part-00001");

        deliver(destination(settings), "job-1", url, List.of("n"), List.of("long"), rows);

        assertThat(api.requestLines().stream().filter(l -> l.endsWith("/part-00000"))).hasSize(2);
        assertThat(api.parts(SESSION)).containsExactly("part-00000", "part-00001", "part-00002", "part-00003");
        assertThat(api.rows("testdb", "t")).extracting(r -> r.get("n")).containsExactlyElementsOf(
                rows.stream().map(r -> r.get(0)).toList());
    }

    @Test
    void skipsTheImportWhenTheJobsSessionWasCommittedBefore() throws DeliveryException {
        TdDestination destination = destination();
        String url = api.url(MASTER_KEY, "testdb/t");
        deliver(destination, "job-1", url, List.of("n"), List.of("long"), numbers(3));
        int before = api.requests().size();

        Receipt again = deliver(destination, "job-1", url, List.of("n"), List.of("long"), numbers(3));

        assertThat(api.requestLines().subList(before, api.requests().size())).containsExactly(
                "POST /v3/bulk_import/create/" + SESSION + "/testdb/t",
                "GET /v3/bulk_import/show/" + SESSION);
        assertThat(again).isEqualTo(new Receipt(3, 0, 0));
        assertThat(api.rows("testdb", "t")).hasSize(3);
    }

    @Test
    void stopsUploadingWhenAnotherDeliveryCommitsTheSessionMeanwhile() throws DeliveryException {
        TdDestination destination = destination(TdSettings.DEFAULTS.withParts(2, 1 << 20));
        String url = api.url(MASTER_KEY, "testdb/t");
        Delivery slow = destination.open(request("job-1", url, List.of("n"), List.of("long")));
        slow.write(numbers(2));
        deliver(destination, "job-1", url, List.of("n"), List.of("long"), numbers(5));

        slow.write(numbers(5).subList(2, 5));
        Receipt receipt = slow.commit();

        assertThat(receipt.rows()).isEqualTo(5);
        assertThat(api.rows("testdb", "t")).hasSize(5);
    }

    @Test
    void abortDeletesTheOpenSession() throws DeliveryException {
        Delivery delivery = destination().open(request("job-1", api.url(MASTER_KEY, "testdb/t"), List.of("n"),
                List.of("long")));
        delivery.write(numbers(3));

        delivery.abort();

        assertThat(api.session(SESSION)).isEmpty();
        assertThat(api.hasTable("testdb", "t")).isFalse();
    }

    @Test
    void failsReplaceWithAWriteOnlyKeySayingThatItNeedsTheMasterKey() {
        String url = api.url(WRITE_ONLY_KEY, "testdb/t?mode=replace");

        assertPermanent(() -> deliver(destination(), "job-1", url, List.of("n"), List.of("long"), numbers(2)))
                .hasMessageContaining("td://***@127.0.0.1:" + api.port() + "/testdb/t?mode=replace")
                .hasMessageContaining("403 Forbidden: A write-only API key may only append")
                .hasMessageContaining("mode=replace needs the target account's master key")
                .hasMessageNotContaining(WRITE_ONLY_KEY)
                .hasMessageNotContaining(WRITE_ONLY_KEY.substring(2));
        assertThat(api.hasTable("testdb", "t")).isFalse();
    }

    @Test
    void appendsWithAWriteOnlyKey() throws DeliveryException {
        deliver(destination(), "job-1", api.url(WRITE_ONLY_KEY, "testdb/t"), List.of("n"), List.of("long"), numbers(2));

        assertThat(api.rows("testdb", "t")).hasSize(2);
    }

    @Test
    void failsAtOnceWhenTheTargetRefusesTheKeyWithoutShowingIt() {
        String key = "1/" + "9".repeat(40);

        assertPermanent(() -> deliver(destination(), "job-1", api.url(key, "testdb/t"), List.of("n"), List.of("long"),
                numbers(1)))
                .hasMessageContaining("Cannot create the import session tideway_job_1 for testdb.t at td://***@127.0.0.1")
                .hasMessageContaining("the target refused the API key (401 Unauthorized: The API key is not valid")
                .hasMessageNotContaining("9999999999");
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void failsAtOnceNamingAnUnknownDatabase() {
        assertPermanent(() -> deliver(destination(), "job-1", api.url(MASTER_KEY, "nodb/t"), List.of("n"),
                List.of("long"), numbers(1)))
                .hasMessageContaining("the database 'nodb' does not exist at the target")
                .hasMessageContaining("404 Not Found: Database 'nodb' not found");
    }

    @Test
    void showsTheTargetsSchemaConflict() throws DeliveryException {
        TdDestination destination = destination();
        deliver(destination, "job-a", api.url(MASTER_KEY, "testdb/t"), List.of("n"), List.of("long"), numbers(1));

        assertPermanent(() -> deliver(destination, "job-b", api.url(MASTER_KEY, "testdb/t"), List.of("n"),
                List.of("string"), List.of(List.of("seven"))))
                .hasMessageContaining("the target cannot take the rows into testdb.t (422 Unprocessable Content: "
                        + "Column 'n' of testdb.t is long and cannot take the string value seven)");
        assertThat(api.rows("testdb", "t")).hasSize(1);
    }

    @Test
    void failsAtOnceOnOtherClientErrorsWithTheServersText() {
        api.failNext("POST", "/commit/", 400, "mode is missing", Map.of());

        assertPermanent(() -> deliver(destination(), "job-1", api.url(MASTER_KEY, "testdb/t"), List.of("n"),
                List.of("long"), numbers(1)))
                .hasMessageContaining("Cannot commit the import session tideway_job_1 into testdb.t at td://***@")
                .hasMessageContaining("the target replied 400 Bad Request: mode is missing");
    }

    @Test
    void retriesOnServerErrorsTimeoutsAndTooManyRequestsWithTheAskedDelay() {
        api.failNext("POST", "/create/", 500, "boom", Map.of())
                .failNext("POST", "/create/", 408, "slow", Map.of())
                .failNext("POST", "/create/", 429, "slow down", Map.of("Retry-After", "7"))
                .failNext("PUT", "/upload_part/", 503, "maintenance", Map.of("Retry-After", "30"));
        TdDestination destination = destination();
        String url = api.url(MASTER_KEY, "testdb/t");
        ThrowingCallable deliver = () -> deliver(destination, "job-1", url, List.of("n"), List.of("long"), numbers(1));

        assertRetriable(deliver).hasMessageContaining("500 Internal Server Error: boom");
        assertRetriable(deliver).hasMessageContaining("408");
        assertRetriable(deliver).hasMessageContaining("429 Too Many Requests: slow down (it asks to retry after 7)")
                .matches(e -> ((DeliveryException) e).retryAfter().orElseThrow().equals(Duration.ofSeconds(7)));
        assertRetriable(deliver).hasMessageContaining("upload part-00000").hasMessageContaining("503")
                .matches(e -> ((DeliveryException) e).retryAfter().orElseThrow().equals(Duration.ofSeconds(30)));
    }

    @Test
    void retriesWhenTheTargetCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertRetriable(() -> deliver(destination(), "job-1", "td://" + MASTER_KEY + "@127.0.0.1:" + closedPort
                + "/testdb/t", List.of("n"), List.of("long"), numbers(1)))
                .hasMessageContaining("Cannot create the import session")
                .hasMessageNotContaining(MASTER_KEY);
    }

    @Test
    void refusesBadUrlsBeforeCallingTheTarget() {
        TdDestination destination = destination();
        String base = "td://" + MASTER_KEY + "@127.0.0.1:" + api.port();

        assertPermanent(() -> deliver(destination, "j", "td://@/testdb/t", List.of("n"), List.of("long"), numbers(1)))
                .hasMessageContaining("names no API key and host");
        assertPermanent(() -> deliver(destination, "j", base + "/Test-DB/t", List.of("n"), List.of("long"), numbers(1)))
                .hasMessageContaining("database 'Test-DB', which is not a valid name");
        assertPermanent(() -> deliver(destination, "j", base + "/testdb/t?https=maybe", List.of("n"), List.of("long"),
                numbers(1))).hasMessageContaining("https 'maybe'");
        assertPermanent(() -> deliver(destination, "j", base + "/testdb/t", List.of("n", "n"), List.of("long", "long"),
                List.of(List.of(1L, 2L)))).hasMessageContaining("two columns named 'n'");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void failsAtOnceOnACellThatIsNotTheJsonItsTypeSays() {
        assertPermanent(() -> deliver(destination(), "job-1", api.url(MASTER_KEY, "testdb/t"), List.of("tags"),
                List.of("array<string>"), List.of(List.of("[oops"))))
                .hasMessageContaining("The 'tags' cell of row 1 is not JSON");
    }

    // --- helpers

    static Receipt deliver(TdDestination destination, String jobId, String url, List<String> names,
                           List<String> types, List<List<Object>> rows) throws DeliveryException {
        Delivery delivery = destination.open(request(jobId, url, names, types));
        try {
            delivery.write(rows);
            return delivery.commit();
        } catch (DeliveryException | RuntimeException e) {
            delivery.abort();
            throw e;
        }
    }

    static DeliveryRequest request(String jobId, String url, List<String> names, List<String> types) {
        return new DeliveryRequest(jobId, "acct", DestinationUrl.parse(url), names, types);
    }

    private TdDestination destination() {
        return destination(TdSettings.DEFAULTS.withTempDir(temp));
    }

    private TdDestination destination(TdSettings settings) {
        TdDestination destination = new TdDestination(settings.withTempDir(temp), TrustStoreSettings.NONE);
        destinations.add(destination);
        return destination;
    }

    private List<Path> partFiles() throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.toList();
        }
    }

    /** The msgpack size of a decoded row of longs and strings. */
    private static long packedSize(Map<String, Object> row) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packer.packMapHeader(row.size());
            for (Map.Entry<String, Object> cell : row.entrySet()) {
                packer.packString(cell.getKey());
                if (cell.getValue() instanceof Long n) {
                    packer.packLong(n);
                } else {
                    packer.packString((String) cell.getValue());
                }
            }
            return packer.getTotalWrittenBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<List<Object>> numbers(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            rows.add(List.of(i));
        }
        return rows;
    }

    /** The row holds exactly these columns, in this order, with these values. */
    private static void assertRow(Map<String, Object> row, Object... keysAndValues) {
        Map<String, Object> expected = map(keysAndValues);
        assertThat(row).isEqualTo(expected);
        assertThat(row.keySet()).containsExactlyElementsOf(expected.keySet());
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertPermanent(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(DeliveryException.class)
                .matches(e -> !((DeliveryException) e).retriable(), "permanent");
    }

    static AbstractThrowableAssert<?, ? extends Throwable> assertRetriable(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(DeliveryException.class)
                .matches(e -> ((DeliveryException) e).retriable(), "retriable");
    }
}
