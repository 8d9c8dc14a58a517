package io.tideway.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.writer.RetryPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service around the writer: its settings, and a health check that tells when the writer has stopped. */
class FtpWriterServiceTest {

    @Test
    void reportsHealthDownOnceTheWriterHasStopped() throws Exception {
        EmbeddedServer server = FtpWriters.start(Map.of());
        try {
            assertThat(health(server).statusCode()).isEqualTo(200);
            server.getApplicationContext().getBean(FtpWriterService.class).stop();
            HttpResponse<String> down = health(server);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("the writer is not running");
        } finally {
            FtpWriters.stop(server);
        }
    }

    @Test
    void refusesToStartWithoutBootstrapServersNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("tideway.secret-key", FtpWriters.SECRET_KEY)))
                .hasStackTraceContaining("tideway.kafka.bootstrap-servers is not set");
    }

    @Test
    void refusesToStartWithoutTheSecretKeyNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("tideway.kafka.bootstrap-servers", "127.0.0.1:1")))
                .hasStackTraceContaining("tideway.secret-key is not set");
    }

    @Test
    void bindsSettingsWithReadableSizesAndDurations() {
        EmbeddedServer server = FtpWriters.start(Map.of("tideway.ftp.buffer-size", "2MB"));
        try {
            ApplicationContext context = server.getApplicationContext();
            assertThat(context.getBean(FtpSettings.class).bufferSize()).isEqualTo(2 * 1024 * 1024);
            assertThat(context.getBean(FtpSettings.class).dataTimeout()).hasSeconds(20);
            assertThat(context.getBean(RetrySettings.class).policy().initialBackoff()).hasMillis(200);
            assertThat(context.getBean(RetrySettings.class).policy().maxAttempts()).isEqualTo(30);
            assertThat(context.getBean(TopicSettings.class).partitions()).isEqualTo(3);
        } finally {
            FtpWriters.stop(server);
        }
    }

    @Test
    void fillsUnsetSettingsWithTheirDefaults() {
        assertThat(FtpSettings.DEFAULTS.bufferSize()).isEqualTo(4 * 1024 * 1024);
        assertThat(FtpSettings.DEFAULTS.connectTimeout()).hasSeconds(FtpSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS);
        assertThat(new TopicSettings(null).partitions()).isEqualTo(6);
        assertThat(new RetrySettings(null, null, null).policy()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(new WriterSettings("key", null).instanceId()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(new WriterSettings("Zm9vYmFy", null).toString()).doesNotContain("Zm9vYmFy");
    }

    private static HttpResponse<String> health(EmbeddedServer server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
