package io.tideway.web;

import static io.tideway.web.WebDestinationTest.assertPermanent;

import io.tideway.writer.Delivery;
import io.tideway.writer.service.TrustStoreSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server that refuses the request before taking its body, as servers do with 413 or 401, and closes. */
class EarlyReplyTest {

    @Test
    void reportsTheServersReplyWhenItStopsTakingTheBody() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             WebDestination destination = new WebDestination(
                     WebSettings.DEFAULTS.withAllowedNetworks("127.0.0.0/8"), TrustStoreSettings.NONE)) {
            Thread server = new Thread(() -> refuseOne(listener));
            server.start();
            String url = "web://127.0.0.1:" + listener.getLocalPort() + "/in";
            assertPermanent(() -> {
                Delivery delivery = destination.open(WebDestinationTest.request(url, List.of("s"), List.of("string")));
                try {
                    for (int i = 0; i < 2_000; i++) {
                        List<List<Object>> rows = new ArrayList<>();
                        rows.add(List.of("x".repeat(10_000)));
                        delivery.write(rows);
                    }
                    delivery.commit();
                } finally {
                    delivery.abort();
                }
            }).hasMessageContaining("413 Payload Too Large: too large");
            server.join();
        }
    }

    private static void refuseOne(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                head.write(in.read());
            }
            socket.getOutputStream().write(("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 9\r\n"
                    + "Connection: close\r\n\r\ntoo large").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
