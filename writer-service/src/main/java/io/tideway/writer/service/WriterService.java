package io.tideway.writer.service;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.tideway.schemas.TopicCreator;
import io.tideway.schemas.Topics;
import io.tideway.writer.AttemptListener;
import io.tideway.writer.Destination;
import io.tideway.writer.WriterConfig;
import io.tideway.writer.WriterRuntime;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the writer runtime, from start to shutdown, for the one {@link Destination} bean the writer app provides and
 * the scheme {@value #SCHEME_PROPERTY} names (set in the app's {@code application.properties}): creates the topics
 * if missing, logs the resolved settings once (secrets masked), starts consuming, and closes the runtime, then the
 * destination, at shutdown.
 */
@Context
public class WriterService {

    public static final String SCHEME_PROPERTY = "tideway.writer.scheme";

    private static final Logger LOG = LoggerFactory.getLogger(WriterService.class);

    private final KafkaSettings kafka;
    private final TopicSettings topics;
    private final Destination destination;
    private final WriterRuntime runtime;
    private final String name;

    public WriterService(WriterSettings writer, KafkaSettings kafka, TopicSettings topics, RetrySettings retry,
                         @Property(name = SCHEME_PROPERTY) @Nullable String scheme, List<Destination> destinations,
                         List<AttemptListener> listeners) {
        this.kafka = kafka;
        this.topics = topics;
        this.name = requireScheme(scheme) + "-writer";
        this.destination = onlyDestination(destinations, name);
        WriterConfig config = WriterConfig.forScheme(scheme, kafka.bootstrapServers(), writer.secretKey())
                .withInstanceId(writer.instanceId())
                .withRetry(retry.policy());
        this.runtime = new WriterRuntime(destination, config, AttemptListener.all(listeners));
        LOG.info("{} settings: {}, topics.partitions={}, destination: {}", name, config, topics.partitions(),
                destination);
    }

    @PostConstruct
    void start() {
        TopicCreator.ensure(kafka.bootstrapServers(), Topics.all(topics.partitions()), (short) 1);
        runtime.start();
    }

    /** The service's name, e.g. {@code ftp-writer}. */
    public String name() {
        return name;
    }

    /** Whether the writer still consumes; false once its consumer died or it was stopped. */
    public boolean isRunning() {
        return runtime.isRunning();
    }

    /** Why the writer does not run, or null while it does. */
    public String problem() {
        return runtime.failure().map(Throwable::getMessage).orElse(isRunning() ? null : "the writer is not running");
    }

    /** Stops consuming (open jobs are delivered again by whoever reads their partitions next), then the destination. */
    @PreDestroy
    public void stop() throws Exception {
        runtime.close();
        if (destination instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private static String requireScheme(String scheme) {
        if (scheme == null || scheme.isBlank()) {
            throw new IllegalStateException(SCHEME_PROPERTY + " is not set: a writer service names the scheme it "
                    + "delivers (ftp, web, td) in its application.properties");
        }
        return scheme;
    }

    private static Destination onlyDestination(List<Destination> destinations, String name) {
        if (destinations.size() != 1) {
            throw new IllegalStateException("The " + name + " needs exactly one " + Destination.class.getName()
                    + " bean (a @Singleton, or a @Factory method returning it), but has " + destinations.size()
                    + (destinations.isEmpty() ? "" : ": " + destinations));
        }
        return destinations.get(0);
    }
}
