package io.tideway.writer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.PropertySource;
import io.tideway.destination.SecretBox;
import io.tideway.testing.SharedKafka;
import io.tideway.writer.Delivery;
import io.tideway.writer.DeliveryException;
import io.tideway.writer.DeliveryRequest;
import io.tideway.writer.Destination;
import io.tideway.writer.RetryPolicy;
import io.tideway.writer.service.testing.RunningWriter;
import jakarta.inject.Singleton;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The service every writer runs in, with a stand-in destination: its settings, the one destination it needs, the
 * log of its settings, and a health check that tells when the writer has stopped.
 */
class WriterServiceTest {

    /** The td scheme, as no td-writer exists yet to share its topic with these tests. */
    private static final Map<String, Object> SETTINGS = Map.of("spec.name", "WriterServiceTest",
            WriterService.SCHEME_PROPERTY, "td", "tideway.instance-id", "service-test",
            "endpoints.health.sensitive", false, "endpoints.health.details-visible", "ANONYMOUS",
            "endpoints.prometheus.sensitive", false);

    @Test
    void reportsHealthDownOnceTheWriterHasStopped() throws Exception {
        try (RunningWriter writer = RunningWriter.start(SETTINGS, Map.of())) {
            assertThat(writer.health().statusCode()).isEqualTo(200);
            assertThat(writer.health().body()).contains("\"td-writer\"");
            writer.context().getBean(WriterService.class).stop();
            HttpResponse<String> down = writer.health();
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("the writer is not running");
        }
    }

    @Test
    void countsAFailedDeliveryAndReportsKafkaOnPrometheusAndHealth() throws Exception {
        try (RunningWriter writer = RunningWriter.start(SETTINGS, Map.of())) {
            String job = "job-" + java.util.UUID.randomUUID();
            writer.publisher().publish(io.tideway.testing.ResultPublisher.Target.topic(
                    io.tideway.schemas.Topics.results("td")), job, "td://@/db/table", java.util.List.of("a"),
                    java.util.List.of(java.util.List.of("1")), 10);
            writer.awaitEvent(job, io.tideway.schemas.JobEventType.DELIVERY_FAILED);

            org.awaitility.Awaitility.await().atMost(RunningWriter.PATIENCE).untilAsserted(() -> {
                String scrape = writer.prometheus().body();
                assertThat(RunningWriter.sample(scrape, "tideway_deliveries_total", "outcome=\"failed\"",
                        "scheme=\"td\"")).isGreaterThanOrEqualTo(1);
                assertThat(scrape).contains("kafka_consumer_fetch_manager_records_lag_max{");
            });
            assertThat(writer.health().body()).contains("\"kafka\"", "\"brokers\"")
                    .doesNotContain("lastDelivery");
        }
    }

    @Test
    void logsItsResolvedSettingsOnceWithTheSecretKeyMasked() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(WriterService.class);
        logger.addAppender(log);
        try (RunningWriter writer = RunningWriter.start(SETTINGS, Map.of("tideway.topics.partitions", 2))) {
            assertThat(log.list).filteredOn(e -> e.getFormattedMessage().startsWith("td-writer settings"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage())
                            .contains("secret-key=***", "instance=service-test", "topics.partitions=2",
                                    "destination: the stand-in destination")
                            .doesNotContain(RunningWriter.SECRET_KEY));
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void refusesToStartWithoutADestinationNamingWhatIsMissing() {
        Map<String, Object> settings = new HashMap<>(SETTINGS);
        settings.put("spec.name", "no destination");
        assertThatThrownBy(() -> RunningWriter.start(settings, Map.of()))
                .hasStackTraceContaining("The td-writer needs exactly one io.tideway.writer.Destination bean")
                .hasStackTraceContaining("but has 0");
    }

    @Test
    void refusesToStartWithoutTheSchemeNamingTheSetting() {
        assertThatThrownBy(() -> RunningWriter.start(Map.of("spec.name", "WriterServiceTest"), Map.of()))
                .hasStackTraceContaining("tideway.writer.scheme is not set");
    }

    @Test
    void refusesToStartWithoutBootstrapServersNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("tideway.secret-key", RunningWriter.SECRET_KEY)))
                .hasStackTraceContaining("tideway.kafka.bootstrap-servers is not set");
    }

    @Test
    void refusesToStartWithoutTheSecretKeyNamingTheSetting() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("tideway.kafka.bootstrap-servers", "127.0.0.1:1")))
                .hasStackTraceContaining("tideway.secret-key is not set");
    }

    @Test
    void takesTheSecretKeyAndTheBrokersFromEnvironmentVariables() {
        String key = SecretBox.generateKey();
        Map<String, Object> environment = Map.of("TIDEWAY_SECRET_KEY", key,
                "TIDEWAY_KAFKA_BOOTSTRAP_SERVERS", SharedKafka.bootstrapServers());
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(PropertySource.of("environment", environment,
                        PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                .properties(SETTINGS).start()) {
            assertThat(context.getBean(WriterSettings.class).secretKey()).isEqualTo(key);
            assertThat(context.getBean(KafkaSettings.class).bootstrapServers()).isEqualTo(SharedKafka.bootstrapServers());
            assertThat(context.getBean(WriterService.class).isRunning()).isTrue();
        }
    }

    @Test
    void bindsRetryAndTopicSettingsWithReadableDurations() {
        try (RunningWriter writer = RunningWriter.start(SETTINGS, Map.of(
                "tideway.writer.retry.initial-backoff", "200ms", "tideway.writer.retry.max-backoff", "1s",
                "tideway.writer.retry.max-attempts", 30))) {
            ApplicationContext context = writer.context();
            assertThat(context.getBean(RetrySettings.class).policy().initialBackoff()).hasMillis(200);
            assertThat(context.getBean(RetrySettings.class).policy().maxAttempts()).isEqualTo(30);
            assertThat(context.getBean(TopicSettings.class).partitions()).isEqualTo(3);
            assertThat(context.getBean(WriterSettings.class).instanceId()).isEqualTo("service-test");
        }
    }

    @Test
    void fillsUnsetSettingsWithTheirDefaults() {
        assertThat(new TopicSettings(null).partitions()).isEqualTo(6);
        assertThat(new RetrySettings(null, null, null).policy()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(new WriterSettings("key", null).instanceId()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(new WriterSettings("Zm9vYmFy", null).toString()).doesNotContain("Zm9vYmFy");
    }

    /** The destination of these tests: refuses every job, which they never publish. */
    @Singleton
    @Requires(property = "spec.name", value = "WriterServiceTest")
    static final class StandInDestination implements Destination {

        @Override
        public Delivery open(DeliveryRequest request) throws DeliveryException {
            throw DeliveryException.permanent("the stand-in destination delivers nothing");
        }

        @Override
        public String toString() {
            return "the stand-in destination";
        }
    }
}
