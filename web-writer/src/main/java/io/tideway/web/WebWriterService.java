package io.tideway.web;

import io.micronaut.context.annotation.Context;
import io.tideway.schemas.TopicCreator;
import io.tideway.schemas.Topics;
import io.tideway.writer.WriterConfig;
import io.tideway.writer.WriterRuntime;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the writer runtime for the {@code web} scheme (and webs) with a {@link WebDestination}, from start to shutdown. */
@Context
public class WebWriterService {

    private static final Logger LOG = LoggerFactory.getLogger(WebWriterService.class);

    private final KafkaSettings kafka;
    private final TopicSettings topics;
    private final WebDestination destination;
    private final WriterRuntime runtime;

    public WebWriterService(WriterSettings writer, KafkaSettings kafka, TopicSettings topics, RetrySettings retry,
                            WebSettings web, TrustStoreSettings trustStore) {
        this.kafka = kafka;
        this.topics = topics;
        WriterConfig config = WriterConfig.forScheme("web", kafka.bootstrapServers(), writer.secretKey())
                .withInstanceId(writer.instanceId())
                .withRetry(retry.policy());
        this.destination = new WebDestination(web, trustStore);
        this.runtime = new WriterRuntime(destination, config);
        LOG.info("web-writer settings: {}, topics.partitions={}, {}, {}", config, topics.partitions(), web, trustStore);
    }

    @PostConstruct
    void start() {
        TopicCreator.ensure(kafka.bootstrapServers(), Topics.all(topics.partitions()), (short) 1);
        runtime.start();
    }

    /** Whether the writer still consumes; false once its consumer died. */
    public boolean isRunning() {
        return runtime.isRunning();
    }

    public String problem() {
        return runtime.failure().map(Throwable::getMessage).orElse(isRunning() ? null : "the writer is not running");
    }

    @PreDestroy
    void stop() {
        runtime.close();
        destination.close();
    }
}
