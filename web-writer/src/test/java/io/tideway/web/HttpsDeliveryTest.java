package io.tideway.web;

import static io.tideway.web.WebDestinationTest.assertPermanent;
import static io.tideway.web.WebDestinationTest.deliver;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.writer.DeliveryException;
import io.tideway.writer.Receipt;
import io.tideway.writer.service.TrustStoreSettings;
import io.tideway.writer.service.testing.TestCertificates;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** webs:// against a real HTTPS server on loopback with a self-signed certificate made for the test. */
class HttpsDeliveryTest {

    private static final WebSettings LOOPBACK_ALLOWED = WebSettings.DEFAULTS.withAllowedNetworks("127.0.0.0/8", "::1/128");

    @TempDir
    static Path dir;
    private static Path serverStore;
    private static RecordingWebServer server;

    @BeforeAll
    static void start() {
        serverStore = TestCertificates.serverKeyStore(dir, "localhost", "dns:localhost,ip:127.0.0.1");
        server = RecordingWebServer.https(TestCertificates.serverContext(serverStore));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void deliversWhenTheTrustStoreHoldsTheServersCertificate() throws DeliveryException {
        Path trust = TestCertificates.trustStoreFor(serverStore, dir);
        try (WebDestination destination = new WebDestination(LOOPBACK_ALLOWED,
                TrustStoreSettings.of(trust, TestCertificates.PASSWORD))) {
            int before = server.requests().size();
            Receipt receipt = deliver(destination, "webs://bob:pw@localhost:" + server.port() + "/secure?method=post",
                    List.of("n"), List.of("long"), List.of(List.of(42L)));

            RecordingWebServer.Request request = server.requests().get(before);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.uri()).isEqualTo("/secure");
            assertThat(request.header("Host")).contains("localhost:" + server.port());
            assertThat(request.text()).isEqualTo("{\"column_names\":[\"n\"],\"column_types\":[\"long\"],\"data\":[[42]]}");
            assertThat(receipt.rows()).isEqualTo(1);
        }
    }

    @Test
    void failsClearlyWhenTheCertificateIsNotTrusted() {
        try (WebDestination destination = new WebDestination(LOOPBACK_ALLOWED, TrustStoreSettings.NONE)) {
            assertPermanent(() -> deliver(destination, "webs://localhost:" + server.port() + "/secure", List.of("n"),
                    List.of("long"), List.of(List.of(1L))))
                    .hasMessageContaining("Cannot connect to webs://localhost:" + server.port() + "/secure")
                    .hasMessageContaining("certificate does not verify for localhost")
                    .hasMessageContaining("tideway.trust-store.path");
        }
    }

    @Test
    void failsWhenTheCertificateIsForAnotherHost() {
        Path otherStore = TestCertificates.serverKeyStore(dir, "other", "dns:other.example");
        Path trust = TestCertificates.trustStoreFor(otherStore, dir);
        try (RecordingWebServer other = RecordingWebServer.https(TestCertificates.serverContext(otherStore));
             WebDestination destination = new WebDestination(LOOPBACK_ALLOWED,
                     TrustStoreSettings.of(trust, TestCertificates.PASSWORD))) {
            assertPermanent(() -> deliver(destination, "webs://localhost:" + other.port() + "/secure", List.of("n"),
                    List.of("long"), List.of(List.of(1L))))
                    .hasMessageContaining("certificate does not verify for localhost");
            assertThat(other.requests()).isEmpty();
        }
    }
}
