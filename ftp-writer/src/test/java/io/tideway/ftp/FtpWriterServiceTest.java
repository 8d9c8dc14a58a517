package io.tideway.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.tideway.writer.service.RetrySettings;
import io.tideway.writer.service.TopicSettings;
import io.tideway.writer.service.testing.RunningWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ftp-writer as a service: its settings, bound in the shared writer service around its destination (the
 * service itself, its health check included, is tested in writer-service's WriterServiceTest).
 */
class FtpWriterServiceTest {

    @Test
    void refusesToStartWithoutBootstrapServersNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("tideway.secret-key", RunningWriter.SECRET_KEY)))
                .hasStackTraceContaining("tideway.kafka.bootstrap-servers is not set");
    }

    @Test
    void bindsSettingsWithReadableSizesAndDurations() {
        try (RunningWriter writer = FtpWriters.start(Map.of("tideway.ftp.buffer-size", "2MB"))) {
            ApplicationContext context = writer.context();
            assertThat(context.getBean(FtpSettings.class).bufferSize()).isEqualTo(2 * 1024 * 1024);
            assertThat(context.getBean(FtpSettings.class).dataTimeout()).hasSeconds(20);
            assertThat(context.getBean(RetrySettings.class).policy().initialBackoff()).hasMillis(200);
            assertThat(context.getBean(RetrySettings.class).policy().maxAttempts()).isEqualTo(30);
            assertThat(context.getBean(TopicSettings.class).partitions()).isEqualTo(3);
        }
    }

    @Test
    void fillsUnsetSettingsWithTheirDefaults() {
        assertThat(FtpSettings.DEFAULTS.bufferSize()).isEqualTo(4 * 1024 * 1024);
        assertThat(FtpSettings.DEFAULTS.connectTimeout()).hasSeconds(FtpSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS);
    }
}
