package io.tideway.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP or HTTPS server (the JDK's) on 127.0.0.1, for tests: records each request (method, URI, headers,
 * body), counts body bytes as they arrive, and answers with scripted replies, then 200.
 */
final class RecordingWebServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Request> incomplete = new CopyOnWriteArrayList<>();
    private final Queue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final CountDownLatch released = new CountDownLatch(1);

    private RecordingWebServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static RecordingWebServer http() {
        try {
            return new RecordingWebServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecordingWebServer https(SSLContext tls) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new RecordingWebServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next requests get these replies, one each; later ones get 200. */
    RecordingWebServer replies(Reply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Requests received whole, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests whose body ended before it was complete (the client went away). */
    List<Request> incompleteRequests() {
        return List.copyOf(incomplete);
    }

    /** Body bytes received so far, all requests together, counted as they arrive. */
    long bytesReceived() {
        return bytesReceived.get();
    }

    /** Lets replies that {@link Reply#held()} go. */
    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                body.write(buffer, 0, n);
                bytesReceived.addAndGet(n);
            }
        } catch (IOException e) {
            incomplete.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                    body.toByteArray()));
            exchange.close();
            return;
        }
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
                body.toByteArray()));
        Reply reply = Optional.ofNullable(replies.poll()).orElse(Reply.status(200, "ok"));
        if (reply.held()) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A request as the server saw it; header names in lower case. */
    record Request(String method, String uri, Map<String, List<String>> headers, byte[] body) {

        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A scripted reply; {@code held} ones wait for {@link #release()}. */
    record Reply(int status, String body, Map<String, String> headers, boolean held) {

        static Reply status(int status, String body) {
            return new Reply(status, body, Map.of(), false);
        }

        static Reply status(int status, String body, Map<String, String> headers) {
            return new Reply(status, body, headers, false);
        }

        static Reply heldUntilReleased() {
            return new Reply(200, "late", Map.of(), true);
        }
    }
}
