package io.tideway.td;

import static io.tideway.td.TdApiServer.MASTER_KEY;
import static io.tideway.td.TdDestinationTest.assertPermanent;
import static io.tideway.td.TdDestinationTest.deliver;
import static io.tideway.td.TdDestinationTest.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.writer.DeliveryException;
import io.tideway.writer.service.TrustStoreSettings;
import io.tideway.writer.service.testing.TestCertificates;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code https=true} talks TLS to the target, trusting a private CA given as {@code tideway.trust-store}. */
class TdHttpsTest {

    @TempDir
    static Path dir;

    private static Path serverStore;
    private static TdApiServer api;

    @BeforeAll
    static void start() {
        serverStore = TestCertificates.serverKeyStore(dir, "localhost", "dns:localhost,ip:127.0.0.1");
        api = TdApiServer.startHttps(TestCertificates.serverContext(serverStore), "testdb");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void importsOverTlsTrustingTheConfiguredAuthority() throws DeliveryException {
        Path trust = TestCertificates.trustStoreFor(serverStore, dir);
        try (TdDestination destination = new TdDestination(TdSettings.DEFAULTS.withTempDir(dir),
                TrustStoreSettings.of(trust, TestCertificates.PASSWORD))) {
            deliver(destination, "job-tls", api.url(MASTER_KEY, "testdb/t?https=true"), List.of("n"),
                    List.of("long"), numbers(3));
        }

        assertThat(api.rows("testdb", "t")).hasSize(3);
    }

    @Test
    void failsAtOnceWhenTheTargetsCertificateDoesNotVerify() {
        try (TdDestination destination = new TdDestination(TdSettings.DEFAULTS.withTempDir(dir),
                TrustStoreSettings.NONE)) {
            assertPermanent(() -> deliver(destination, "job-untrusted", api.url(MASTER_KEY, "testdb/u?https=true"),
                    List.of("n"), List.of("long"), numbers(1)))
                    .hasMessageContaining("certificate does not verify for 127.0.0.1")
                    .hasMessageContaining("tideway.trust-store.path");
        }
    }
}
