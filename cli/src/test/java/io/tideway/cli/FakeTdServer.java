package io.tideway.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stands in for Tideway's API server on loopback: answers in Treasure Data's v3 shapes from canned responses
 * (a sequence per route, the last one repeating) and records every request the command line sends.
 */
final class FakeTdServer implements AutoCloseable, AfterEachCallback {

    static final String API_KEY = "1/0123456789abcdef0123456789abcdef01234567";

    record Request(String method, String path, Map<String, String> query, Map<String, String> form,
                   String authorization, String contentType, String body, byte[] bodyBytes) {
    }

    record Response(int status, String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, List<Response>> routes = new ConcurrentHashMap<>();
    private final Map<String, List<Response>> prefixRoutes = new ConcurrentHashMap<>();
    private final Map<String, Integer> served = new ConcurrentHashMap<>();

    FakeTdServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * A server for one test, as a field: {@code @RegisterExtension final FakeTdServer server =
     * FakeTdServer.perTest();} starts it with the test instance and closes it after the test.
     */
    static FakeTdServer perTest() {
        try {
            return new FakeTdServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} with JSON; several bodies are served in turn, the last one from then on. */
    FakeTdServer json(String method, String path, String... bodies) {
        List<Response> responses = new ArrayList<>();
        for (String body : bodies) {
            responses.add(new Response(200, "application/json", body.getBytes(StandardCharsets.UTF_8)));
        }
        routes.put(method + " " + path, responses);
        return this;
    }

    /** Answers {@code method path} with these responses in turn, the last one from then on. */
    FakeTdServer sequence(String method, String path, Response... responses) {
        routes.put(method + " " + path, List.of(responses));
        return this;
    }

    /**
     * Answers {@code method} on every path under {@code prefix} that has no route of its own with these responses
     * in turn (counted across those paths), the last one from then on.
     */
    FakeTdServer sequenceUnder(String method, String prefix, Response... responses) {
        prefixRoutes.put(method + " " + prefix, List.of(responses));
        return this;
    }

    static Response jsonResponse(int status, String body) {
        return new Response(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    FakeTdServer respond(String method, String path, int status, String contentType, String body) {
        return respond(method, path, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    FakeTdServer respond(String method, String path, int status, String contentType, byte[] body) {
        routes.put(method + " " + path, List.of(new Response(status, contentType, body)));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method.equals(method) && r.path.equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String body = new String(bytes, StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String path = exchange.getRequestURI().getRawPath();
        requests.add(new Request(exchange.getRequestMethod(), path, params(exchange.getRequestURI().getRawQuery()),
                contentType != null && contentType.startsWith("application/x-www-form-urlencoded") ? params(body)
                        : Map.of(), authorization, contentType, body, bytes));
        Response response = ("TD1 " + API_KEY).equals(authorization) ? route(exchange.getRequestMethod() + " " + path)
                : new Response(401, "application/json", ("{\"error\":\"Authentication failed\","
                        + "\"text\":\"API key is invalid\",\"message\":\"API key is invalid\",\"severity\":\"error\"}")
                        .getBytes(StandardCharsets.UTF_8));
        exchange.getResponseHeaders().set("Content-Type", response.contentType);
        exchange.sendResponseHeaders(response.status, response.body.length == 0 ? -1 : response.body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body);
        }
    }

    private Response route(String key) {
        List<Response> responses = routes.get(key);
        if (responses == null) {
            for (Map.Entry<String, List<Response>> prefix : prefixRoutes.entrySet()) {
                if (key.startsWith(prefix.getKey())) {
                    key = prefix.getKey();
                    responses = prefix.getValue();
                    break;
                }
            }
        }
        if (responses == null) {
            return new Response(404, "application/json", ("{\"error\":\"Resource not found\",\"text\":\"No route "
                    + key + "\",\"severity\":\"error\"}").getBytes(StandardCharsets.UTF_8));
        }
        int n = served.merge(key, 1, Integer::sum) - 1;
        return responses.get(Math.min(n, responses.size() - 1));
    }

    private static Map<String, String> params(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
