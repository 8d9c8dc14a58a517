package io.tideway.web;

import static io.tideway.schemas.JobEventType.DELIVERED;
import static io.tideway.schemas.JobEventType.DELIVERY_RETRYING;
import static io.tideway.web.WebDestinationTest.assertRetriable;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.schemas.Topics;
import io.tideway.testing.ResultPublisher.Target;
import io.tideway.web.RecordingWebServer.Reply;
import io.tideway.writer.DeliveryException;
import io.tideway.writer.service.RetryAfter;
import io.tideway.writer.service.TrustStoreSettings;
import io.tideway.writer.service.testing.RecordedRetries;
import io.tideway.writer.service.testing.RunningWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A server that asks to be left alone for a while ({@code Retry-After}) is retried no sooner than it asks. */
class RetryAfterTest {

    private final RecordingWebServer web = RecordingWebServer.http();

    @AfterEach
    void stopWebServer() {
        web.close();
    }

    @Test
    void retriesNoSoonerThanTheServerAsksAndDelivers() {
        String job = "web-" + UUID.randomUUID();
        web.replies(Reply.status(429, "slow down", Map.of("Retry-After", "2")));
        try (RunningWriter writer = WebWriters.start(Map.of("tideway.writer.retry.max-backoff", "10s",
                RecordedRetries.ENABLED, "true", "tideway.instance-id", "retry-after-test"))) {
            writer.publisher().publish(Target.topic(Topics.results("web")), job,
                    "web://127.0.0.1:" + web.port() + "/busy", List.of("n"), List.of("long"), List.of(List.of(1L)), 1);

            writer.awaitEvent(job, DELIVERED);
            assertThat(writer.events().of(job, DELIVERY_RETRYING)).singleElement()
                    .satisfies(e -> assertThat(e.getError()).contains("429").contains("retry after 2"));
            RecordedRetries.Retry retry = writer.context().getBean(RecordedRetries.class).of(job).get(0);
            assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(2)); // not the 100 ms backoff
            assertThat(retry.waited()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(web.requests()).hasSize(2);
        }
    }

    @Test
    void carriesTheDelayOfA503AsTheFailuresSuggestion() {
        web.replies(Reply.status(503, "maintenance", Map.of("Retry-After", "30")), Reply.status(500, "",
                Map.of("Retry-After", "30")));
        try (WebDestination destination = new WebDestination(
                WebSettings.DEFAULTS.withAllowedNetworks("127.0.0.0/8"), TrustStoreSettings.NONE)) {
            String url = "web://127.0.0.1:" + web.port() + "/in";
            assertRetriable(() -> WebDestinationTest.deliver(destination, url, List.of("n"), List.of("long"),
                    List.of(List.of(1L))))
                    .matches(e -> ((DeliveryException) e).retryAfter().orElseThrow().equals(Duration.ofSeconds(30)));
            assertRetriable(() -> WebDestinationTest.deliver(destination, url, List.of("n"), List.of("long"),
                    List.of(List.of(1L))))
                    .matches(e -> ((DeliveryException) e).retryAfter().isEmpty(), "no suggestion on a 500");
        }
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-10-21T07:28:00Z");
        assertThat(RetryAfter.parse(" 120 ", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:28:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2026 07:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-5", now)).isEmpty();
    }
}
