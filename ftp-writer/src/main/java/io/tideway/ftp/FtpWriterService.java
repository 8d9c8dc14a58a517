package io.tideway.ftp;

import io.micronaut.context.annotation.Context;
import io.tideway.schemas.TopicCreator;
import io.tideway.schemas.Topics;
import io.tideway.writer.WriterConfig;
import io.tideway.writer.WriterRuntime;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the writer runtime for the {@code ftp} scheme with an {@link FtpDestination}, from start to shutdown. */
@Context
public class FtpWriterService {

    private static final Logger LOG = LoggerFactory.getLogger(FtpWriterService.class);

    private final KafkaSettings kafka;
    private final TopicSettings topics;
    private final FtpSettings ftp;
    private final WriterRuntime runtime;

    public FtpWriterService(WriterSettings writer, KafkaSettings kafka, TopicSettings topics, RetrySettings retry,
                            FtpSettings ftp) {
        this.kafka = kafka;
        this.topics = topics;
        this.ftp = ftp;
        WriterConfig config = WriterConfig.forScheme("ftp", kafka.bootstrapServers(), writer.secretKey())
                .withInstanceId(writer.instanceId())
                .withRetry(retry.policy());
        this.runtime = new WriterRuntime(new FtpDestination(ftp), config);
        LOG.info("ftp-writer settings (the writer runtime logs its own as it starts): topics.partitions={}, "
                + "ftp.buffer-size={}, ftp.connect-timeout={}, ftp.data-timeout={}", topics.partitions(),
                ftp.bufferSize(), ftp.connectTimeout(), ftp.dataTimeout());
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
    }
}
