package io.tideway.writer.service.testing;

import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.destination.SecretBox;
import io.tideway.schemas.JobEvent;
import io.tideway.schemas.JobEventType;
import io.tideway.schemas.TopicCreator;
import io.tideway.schemas.Topics;
import io.tideway.testing.JobEvents;
import io.tideway.testing.ResultPublisher;
import io.tideway.testing.SharedKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A writer service started as the launcher starts it (its whole bean graph and HTTP server) against the shared test
 * broker, with a publisher of results (sealed with {@link #SECRET_KEY}) and a reader of job events beside it, both
 * made on first use. A writer's tests give its own settings; the Kafka ones are filled in here.
 */
public final class RunningWriter implements AutoCloseable {

    /** The deployment key every writer started here unseals destination URLs with. */
    public static final String SECRET_KEY = SecretBox.generateKey();
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final EmbeddedServer server;
    private ResultPublisher publisher;
    private JobEvents events;

    private RunningWriter(EmbeddedServer server) {
        this.server = server;
    }

    /** Starts the writer of this class path with {@code settings}, then {@code overrides} over them. */
    public static RunningWriter start(Map<String, Object> settings, Map<String, Object> overrides) {
        TopicCreator.ensure(SharedKafka.bootstrapServers(), Topics.all(3), (short) 1);
        Map<String, Object> properties = new HashMap<>();
        properties.put("tideway.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
        properties.put("tideway.secret-key", SECRET_KEY);
        properties.put("tideway.topics.partitions", 3);
        properties.put("micronaut.server.port", -1);
        properties.putAll(settings);
        properties.putAll(overrides);
        return new RunningWriter(ApplicationContext.run(EmbeddedServer.class, properties));
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** The port of its HTTP server ({@code /health}). */
    public int port() {
        return server.getPort();
    }

    public synchronized ResultPublisher publisher() {
        if (publisher == null) {
            publisher = new ResultPublisher(SharedKafka.bootstrapServers(), SECRET_KEY);
        }
        return publisher;
    }

    public synchronized JobEvents events() {
        if (events == null) {
            events = new JobEvents(SharedKafka.bootstrapServers());
        }
        return events;
    }

    /** Waits for the job's first event of the type and returns it. */
    public JobEvent awaitEvent(String jobId, JobEventType type) {
        await().atMost(PATIENCE).until(() -> !events().of(jobId, type).isEmpty());
        return events().of(jobId, type).get(0);
    }

    /** {@code GET /health}. */
    public HttpResponse<String> health() throws IOException, InterruptedException {
        return get("/health");
    }

    /** {@code GET /prometheus}: the metrics in Prometheus' text format. */
    public HttpResponse<String> prometheus() throws IOException, InterruptedException {
        return get("/prometheus");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The value of the sample named {@code name} whose labels include every one of {@code labels} (each as
     * {@code key="value"}) in a Prometheus scrape; 0 when there is none.
     */
    public static double sample(String scrape, String name, String... labels) {
        return scrape.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    /** Stops the writer, then the publisher and reader. */
    @Override
    public synchronized void close() {
        server.getApplicationContext().close();
        if (publisher != null) {
            publisher.close();
        }
        if (events != null) {
            events.close();
        }
    }
}
