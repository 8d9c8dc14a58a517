package io.tideway.td;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.tideway.writer.service.WriterService;
import io.tideway.writer.service.testing.RunningWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The td-writer as a service: its scheme and settings, bound in the shared writer service around its destination
 * (the service itself, its health check included, is tested in writer-service's WriterServiceTest).
 */
class TdWriterServiceTest {

    @Test
    void bindsSettingsWithReadableSizesAndDurations() {
        try (RunningWriter writer = TdWriters.start(Map.of("tideway.td.part-bytes", "8MB",
                "tideway.td.request-timeout", "90s"))) {
            ApplicationContext context = writer.context();
            TdSettings settings = context.getBean(TdSettings.class);
            assertThat(settings.partBytes()).isEqualTo(8 * 1024 * 1024);
            assertThat(settings.partRows()).isEqualTo(1_000);
            assertThat(settings.requestTimeout()).hasSeconds(90);
            assertThat(settings.connectTimeout()).hasSeconds(5);
            assertThat(context.getBean(WriterService.class).name()).isEqualTo("td-writer");
            assertThat(context.getBean(TdDestination.class).toString()).contains("td.part-bytes=8388608")
                    .contains("trust-store=none");
        }
    }

    @Test
    void fillsUnsetSettingsWithTheirDefaults() {
        assertThat(TdSettings.DEFAULTS.partRows()).isEqualTo(100_000);
        assertThat(TdSettings.DEFAULTS.partBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(TdSettings.DEFAULTS.connectTimeout()).hasSeconds(TdSettings.DEFAULT_CONNECT_TIMEOUT_SECONDS);
        assertThat(TdSettings.DEFAULTS.requestTimeout()).hasSeconds(TdSettings.DEFAULT_REQUEST_TIMEOUT_SECONDS);
    }
}
