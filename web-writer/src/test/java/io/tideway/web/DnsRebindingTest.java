package io.tideway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tideway.writer.service.TrustStoreSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.junit.jupiter.api.Test;

/**
 * A name whose DNS answer changes between the check and the connection (DNS rebinding: public when judged, inside
 * when connected) cannot lead the writer inside: the client connects to the very addresses the guard judged, and
 * never asks the name again for that connection.
 */
class DnsRebindingTest {

    @Test
    void connectsToTheAddressItCheckedNotToALaterAnswer() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        AtomicInteger lookups = new AtomicInteger();
        // first answer: the allowed 127.0.0.2 where the server is; every later answer: 127.0.0.3, which is refused
        AddressGuard.Lookup rebinding = host -> new InetAddress[] {
                InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.3")};
        AddressGuard guard = new AddressGuard(List.of("127.0.0.2/32"), rebinding);
        try (WebClient client = new WebClient(WebSettings.DEFAULTS, TrustStoreSettings.NONE.sslContext(), guard)) {
            int status = client.http().execute(
                    new HttpGet("http://rebinding.test:" + server.getAddress().getPort() + "/hook"),
                    response -> response.getCode());

            assertThat(status).isEqualTo(204);
            assertThat(lookups).hasValue(1);
        } finally {
            server.stop(0);
        }
    }
}
