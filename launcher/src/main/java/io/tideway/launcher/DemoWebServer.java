package io.tideway.launcher;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;

/**
 * The local stack's web receiver: takes PUT and POST on any path and keeps each body as a file under its home,
 * {@code /hooks/x} as {@code hooks/x.json}, so the web demo has somewhere to deliver. Basic auth with the demo
 * user when a request carries credentials; none needed otherwise.
 */
final class DemoWebServer implements AutoCloseable {

    private final HttpServer server;

    private DemoWebServer(HttpServer server) {
        this.server = server;
    }

    static DemoWebServer start(int port, Path home) {
        try {
            Files.createDirectories(home);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            server.createContext("/", exchange -> receive(exchange, home))
                    .setAuthenticator(new BasicAuthenticator("tideway-demo") {
                        @Override
                        public Result authenticate(HttpExchange exchange) {
                            return exchange.getRequestHeaders().containsKey("Authorization")
                                    ? super.authenticate(exchange) : new Success(null);
                        }

                        @Override
                        public boolean checkCredentials(String user, String password) {
                            return user.equals(DemoFtpServer.USER) && password.equals(DemoFtpServer.PASSWORD);
                        }
                    });
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return new DemoWebServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the demo web server on 127.0.0.1:" + port, e);
        }
    }

    private static void receive(HttpExchange exchange, Path home) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("PUT") && !method.equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Path file = home.resolve(exchange.getRequestURI().getPath().substring(1) + ".json").normalize();
            if (!file.startsWith(home) || file.equals(home)) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            Files.createDirectories(file.getParent());
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (InputStream body = exchange.getRequestBody()) {
                Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
