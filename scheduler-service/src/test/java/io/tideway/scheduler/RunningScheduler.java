package io.tideway.scheduler;

import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.schemas.TopicCreator;
import io.tideway.schemas.Topics;
import io.tideway.testing.SharedKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** The scheduler service started as the launcher starts it (bean graph and HTTP server) against the test broker. */
final class RunningScheduler implements AutoCloseable {

    static final int PARTITIONS = 3;
    static final Duration PATIENCE = Duration.ofSeconds(90);

    private final EmbeddedServer server;

    private RunningScheduler(EmbeddedServer server) {
        this.server = server;
    }

    /** Starts a scheduler with its state in {@code stateDir} and waits until it runs. */
    static RunningScheduler start(String applicationId, Path stateDir, Map<String, Object> overrides) {
        TopicCreator.ensure(SharedKafka.bootstrapServers(), Topics.all(PARTITIONS), (short) 1);
        Map<String, Object> properties = new HashMap<>();
        properties.put("tideway.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
        properties.put("tideway.topics.partitions", PARTITIONS);
        properties.put("tideway.instance-id", "test-" + stateDir.getFileName());
        properties.put("tideway.scheduler.state-dir", stateDir.toString());
        properties.put("tideway.scheduler.application-id", applicationId);
        properties.put("micronaut.server.port", -1);
        properties.putAll(overrides);
        RunningScheduler scheduler = new RunningScheduler(ApplicationContext.run(EmbeddedServer.class, properties));
        await().atMost(PATIENCE).until(() -> scheduler.service().state() == KafkaStreams.State.RUNNING);
        return scheduler;
    }

    SchedulerService service() {
        return server.getApplicationContext().getBean(SchedulerService.class);
    }

    HttpResponse<String> health() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /prometheus}. */
    HttpResponse<String> prometheus() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getPort() + "/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
