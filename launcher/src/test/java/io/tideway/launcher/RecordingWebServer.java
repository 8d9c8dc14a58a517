package io.tideway.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A web receiver for failure tests: reads request bodies at a bounded rate (so that a PUT is still under way when a
 * test kills the writer sending it), counts the bytes received over all requests, and records every request with
 * its method, path, body and whether the body arrived whole.
 */
final class RecordingWebServer implements AutoCloseable {

    /** One request as received; {@code complete} is false when the connection broke before the body's end. */
    record Request(String method, String path, byte[] body, boolean complete) {
    }

    private static final int CHUNK = 16 * 1024;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long nanosPerChunk;

    private RecordingWebServer(int bytesPerSecond) throws IOException {
        this.nanosPerChunk = 1_000_000_000L * CHUNK / bytesPerSecond;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static RecordingWebServer start(int bytesPerSecond) throws IOException {
        return new RecordingWebServer(bytesPerSecond);
    }

    int port() {
        return server.getAddress().getPort();
    }

    long bytesReceived() {
        return bytes.get();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean complete = false;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[CHUNK];
            for (int n = in.readNBytes(buffer, 0, CHUNK); n > 0; n = in.readNBytes(buffer, 0, CHUNK)) {
                body.write(buffer, 0, n);
                bytes.addAndGet(n);
                pace();
            }
            complete = true;
        } catch (IOException e) {
            // the sender died mid-body: recorded as an incomplete request below
        } finally {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    body.toByteArray(), complete));
        }
        if (complete) {
            exchange.sendResponseHeaders(204, -1);
        }
        exchange.close();
    }

    /** Holds the reading thread so that the body arrives at the configured rate. */
    private void pace() {
        try {
            Thread.sleep(nanosPerChunk / 1_000_000, (int) (nanosPerChunk % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
