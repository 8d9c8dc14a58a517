package io.tideway.launcher;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A web server on loopback that takes PUTs with basic auth of one user and keeps their bodies; for tests. */
final class ReceivingWebServer implements AutoCloseable {

    private final HttpServer server;
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

    private ReceivingWebServer(String user, String password) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }).setAuthenticator(new BasicAuthenticator("scan") {
            @Override
            public boolean checkCredentials(String u, String p) {
                return u.equals(user) && p.equals(password);
            }
        });
        server.start();
    }

    static ReceivingWebServer start(String user, String password) {
        try {
            return new ReceivingWebServer(user, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<byte[]> bodies() {
        return bodies;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
