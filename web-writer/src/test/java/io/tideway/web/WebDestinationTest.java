package io.tideway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tideway.destination.DestinationUrl;
import io.tideway.web.RecordingWebServer.Reply;
import io.tideway.web.RecordingWebServer.Request;
import io.tideway.writer.Delivery;
import io.tideway.writer.DeliveryException;
import io.tideway.writer.DeliveryRequest;
import io.tideway.writer.Receipt;
import io.tideway.writer.service.TrustStoreSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The destination against a real HTTP server on loopback, driven as the runtime drives it: open, write batches,
 * commit (or abort).
 */
class WebDestinationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final WebSettings LOOPBACK_ALLOWED = WebSettings.DEFAULTS.withAllowedNetworks("127.0.0.0/8", "::1/128");

    private final RecordingWebServer server = RecordingWebServer.http();
    private final List<WebDestination> destinations = new ArrayList<>();

    @AfterEach
    void stop() {
        server.close();
        destinations.forEach(WebDestination::close);
    }

    @Test
    void putsEveryKindOfCellAsJson() throws DeliveryException {
        List<String> names = List.of("n", "x", "ok", "text", "tags", "attrs", "nothing");
        List<String> types = List.of("long", "double", "boolean", "string", "array<string>", "map<string,long>",
                "string");
        List<List<Object>> rows = List.of(
                Arrays.asList(1L, 1.5, true, "say \"hi\"\\ – 日本 😀\n", "[\"a\", \"b\"]", "{\"k\": 1}", null),
                Arrays.asList(null, null, null, null, null, null, null),
                Arrays.asList(-7L, -0.25, false, "", "[]", "{}", null));

        Receipt receipt = deliver(destination(), url("/in/results.json"), names, types, rows);

        Request request = only(server.requests());
        String expected = "{\"column_names\":[\"n\",\"x\",\"ok\",\"text\",\"tags\",\"attrs\",\"nothing\"],"
                + "\"column_types\":[\"long\",\"double\",\"boolean\",\"string\",\"array<string>\",\"map<string,long>\","
                + "\"string\"],\"data\":["
                + "[1,1.5,true,\"say \\\"hi\\\"\\\\ – 日本 😀\\n\",[\"a\",\"b\"],{\"k\":1},null],"
                + "[null,null,null,null,null,null,null],"
                + "[-7,-0.25,false,\"\",[],{},null]]}";
        assertThat(request.text()).isEqualTo(expected);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.uri()).isEqualTo("/in/results.json");
        assertThat(request.header("Content-Type")).contains("application/json");
        assertThat(request.header("Host")).contains("127.0.0.1:" + server.port());
        assertThat(request.header("X-Tideway-Job-Id")).contains("job-1");
        assertThat(receipt).isEqualTo(new Receipt(3, expected.getBytes(StandardCharsets.UTF_8).length, 0));
    }

    @Test
    void sendsBasicAuthenticationOnlyWhenUserAndPasswordAreGiven() throws DeliveryException {
        WebDestination destination = destination();
        deliver(destination, "web://alice:p%40ss%3Aw@127.0.0.1:" + server.port() + "/a", oneRow());
        deliver(destination, url("/b"), oneRow());
        deliver(destination, "web://alice@127.0.0.1:" + server.port() + "/c", oneRow());

        List<Request> requests = server.requests();
        assertThat(requests.get(0).header("Authorization")).contains("Basic "
                + Base64.getEncoder().encodeToString("alice:p@ss:w".getBytes(StandardCharsets.UTF_8)));
        assertThat(requests.get(1).header("Authorization")).isEmpty();
        assertThat(requests.get(2).header("Authorization")).isEmpty();
    }

    @Test
    void postsWithMethodPostAndKeepsTheRestOfTheQuery() throws DeliveryException {
        deliver(destination(), url("/hook/new%20data?Token=a%2Bb&method=post&x=1"), oneRow());

        Request request = only(server.requests());
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/hook/new%20data?Token=a%2Bb&x=1");
    }

    @Test
    void refusesAMethodOtherThanPutOrPost() {
        assertPermanent(() -> deliver(destination(), url("/x?method=delete"), oneRow()))
                .hasMessageContaining("method 'delete'").hasMessageContaining("method=post");
    }

    @Test
    void failsAtOnceOnNotFoundWithTheStatusAndTheStartOfTheBody() {
        String body = "No bucket for alice:s3cret here. " + "x".repeat(500);
        server.replies(Reply.status(404, body));

        assertPermanent(() -> deliver(destination(), "web://alice:s3cret@127.0.0.1:" + server.port() + "/in",
                oneRow()))
                .hasMessageContaining("PUT to web://alice:***@127.0.0.1:" + server.port() + "/in failed")
                .hasMessageContaining("404 Not Found: No bucket for alice:*** here. xxx")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("x".repeat(200));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void retriesOnServerErrorsTimeoutsAndTooManyRequests() {
        server.replies(Reply.status(500, "boom"), Reply.status(503, ""), Reply.status(408, ""),
                Reply.status(429, "slow down", Map.of("Retry-After", "7")));
        WebDestination destination = destination();

        assertRetriable(() -> deliver(destination, url("/a"), oneRow())).hasMessageContaining("500 Internal Server Error: boom");
        assertRetriable(() -> deliver(destination, url("/a"), oneRow())).hasMessageContaining("503");
        assertRetriable(() -> deliver(destination, url("/a"), oneRow())).hasMessageContaining("408");
        assertRetriable(() -> deliver(destination, url("/a"), oneRow()))
                .hasMessageContaining("the server replied 429: slow down").hasMessageContaining("retry after 7");
    }

    @Test
    void doesNotFollowRedirects() {
        server.replies(Reply.status(301, "", Map.of("Location", "http://elsewhere.example/in")));

        assertPermanent(() -> deliver(destination(), url("/in"), oneRow()))
                .hasMessageContaining("redirected (301 Moved Permanently) to http://elsewhere.example/in");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void refusesLoopbackUnlessAnAllowedNetworkHoldsIt() throws DeliveryException {
        WebDestination guarded = destination(WebSettings.DEFAULTS);

        assertPermanent(() -> deliver(guarded, url("/in"), oneRow()))
                .hasMessageContaining("127.0.0.1 resolves to 127.0.0.1, a loopback address")
                .hasMessageContaining("tideway.web.allowed-networks");
        assertPermanent(() -> deliver(guarded, "web://localhost:" + server.port() + "/in", oneRow()))
                .hasMessageContaining("localhost resolves to").hasMessageContaining("a loopback address");
        assertThat(server.requests()).isEmpty();

        deliver(destination(WebSettings.DEFAULTS.withAllowedNetworks("127.0.0.0/8", "::1/128")), url("/in"), oneRow());
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void sendsAtMostMaxRowsAndCountsTheRestAsDropped() throws DeliveryException {
        WebDestination destination = destination(LOOPBACK_ALLOWED.withMaxRows(2));
        Delivery delivery = destination.open(request(url("/in"), List.of("n"), List.of("long")));
        delivery.write(List.of(List.of(1L), List.of(2L), List.of(3L)));
        delivery.write(List.of(List.of(4L)));
        Receipt receipt = delivery.commit();

        assertThat(only(server.requests()).text()).endsWith("\"data\":[[1],[2]]}");
        assertThat(receipt.rows()).isEqualTo(2);
        assertThat(receipt.droppedRows()).isEqualTo(2);
    }

    @Test
    void streamsTheBodyWhileRowsArriveRatherThanAfterTheLast() throws DeliveryException {
        Delivery delivery = destination().open(request(url("/big"), List.of("n", "text"), List.of("long", "string")));
        String padding = "p".repeat(70);
        for (long batch = 0; batch < 100; batch++) {
            List<List<Object>> rows = new ArrayList<>();
            for (long i = batch * 1_000; i < (batch + 1) * 1_000; i++) {
                rows.add(List.of(i, padding));
            }
            delivery.write(rows);
        }
        // About 8 MB written; before commit the server already has nearly all of it (all but the last chunk).
        await().atMost(PATIENCE).until(() -> server.bytesReceived() > 7_000_000);
        assertThat(server.requests()).isEmpty();

        Receipt receipt = delivery.commit();
        Request request = only(server.requests());
        assertThat(receipt.rows()).isEqualTo(100_000);
        assertThat(receipt.bytes()).isEqualTo(request.body().length);
        assertThat(request.text()).contains("[99999,\"" + padding + "\"]]}");
        assertThat(request.header("Transfer-Encoding")).contains("chunked");
    }

    @Test
    void abortLeavesTheServerAnIncompleteRequestOnly() throws DeliveryException {
        Delivery delivery = destination().open(request(url("/in"), List.of("n", "text"), List.of("long", "string")));
        for (int i = 0; i < 20; i++) {
            delivery.write(List.of(List.of((long) i, "x".repeat(10_000))));
        }
        await().atMost(PATIENCE).until(() -> server.bytesReceived() > 0);
        delivery.abort();

        await().atMost(PATIENCE).until(() -> server.incompleteRequests().size() == 1);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void failsAtOnceOnAnArrayCellThatIsNotJson() {
        assertPermanent(() -> deliver(destination(), url("/in"), List.of("tags"), List.of("array<long>"),
                List.of(List.of("[1,2]"), List.of("[1,"))))
                .hasMessageContaining("The 'tags' cell of row 2 is not JSON");
    }

    @Test
    void retriesWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertRetriable(() -> deliver(destination(), "web://127.0.0.1:" + closedPort + "/in", oneRow()))
                .hasMessageContaining("Cannot connect to web://127.0.0.1:" + closedPort + "/in");
    }

    @Test
    void retriesWhenTheServerDoesNotReplyInTime() {
        server.replies(Reply.heldUntilReleased());
        WebDestination impatient = destination(LOOPBACK_ALLOWED.withTimeouts(Duration.ofSeconds(5),
                Duration.ofMillis(300)));

        assertRetriable(() -> deliver(impatient, url("/in"), oneRow()))
                .hasMessageContaining("Cannot get the reply to the result from " + url("/in"));
    }

    @Test
    void failsRetriablyWhenTheServerStopsTakingTheBody() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    listener.accept(); // and never read: the connection stays open until the listener closes
                } catch (IOException ignored) {
                    // the test is over
                }
            });
            acceptor.start();
            WebDestination impatient = destination(LOOPBACK_ALLOWED.withTimeouts(Duration.ofSeconds(5),
                    Duration.ofMillis(300)));
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                rows.add(List.of("x".repeat(10_000)));
            }
            assertRetriable(() -> deliver(impatient, "web://127.0.0.1:" + listener.getLocalPort() + "/in",
                    List.of("s"), List.of("string"), rows))
                    .hasMessageContaining("Cannot send the result to web://127.0.0.1:" + listener.getLocalPort())
                    .hasMessageContaining("took no data for 300 ms");
        }
    }

    private WebDestination destination() {
        return destination(LOOPBACK_ALLOWED);
    }

    private WebDestination destination(WebSettings settings) {
        WebDestination destination = new WebDestination(settings, TrustStoreSettings.NONE);
        destinations.add(destination);
        return destination;
    }

    private String url(String pathAndQuery) {
        return "web://127.0.0.1:" + server.port() + pathAndQuery;
    }

    static DeliveryRequest request(String url, List<String> names, List<String> types) {
        return new DeliveryRequest("job-1", "account-1", DestinationUrl.parse(url), names, types);
    }

    private static Receipt deliver(WebDestination destination, String url, List<List<Object>> rows)
            throws DeliveryException {
        return deliver(destination, url, List.of("n"), List.of("long"), rows);
    }

    /** As the runtime does: open, write, commit, abort after a failure. */
    static Receipt deliver(WebDestination destination, String url, List<String> names, List<String> types,
                           List<List<Object>> rows) throws DeliveryException {
        Delivery delivery = destination.open(request(url, names, types));
        try {
            delivery.write(rows);
            return delivery.commit();
        } catch (DeliveryException e) {
            delivery.abort();
            throw e;
        }
    }

    private static List<List<Object>> oneRow() {
        return List.of(List.of(1L));
    }

    private static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertPermanent(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(DeliveryException.class)
                .matches(e -> !((DeliveryException) e).retriable(), "is permanent");
    }

    static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRetriable(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(DeliveryException.class)
                .matches(e -> ((DeliveryException) e).retriable(), "is retriable");
    }
}
