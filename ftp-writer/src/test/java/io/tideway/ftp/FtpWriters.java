package io.tideway.ftp;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tideway.destination.SecretBox;
import io.tideway.schemas.TopicCreator;
import io.tideway.schemas.Topics;
import io.tideway.testing.SharedKafka;
import java.util.HashMap;
import java.util.Map;

/** Starts the ftp-writer as the launcher does (its main bean graph and HTTP server), against the shared broker. */
final class FtpWriters {

    static final String SECRET_KEY = SecretBox.generateKey();

    private FtpWriters() {
    }

    static EmbeddedServer start(Map<String, Object> overrides) {
        TopicCreator.ensure(SharedKafka.bootstrapServers(), Topics.all(3), (short) 1);
        Map<String, Object> properties = new HashMap<>();
        properties.put("tideway.kafka.bootstrap-servers", SharedKafka.bootstrapServers());
        properties.put("tideway.secret-key", SECRET_KEY);
        properties.put("tideway.topics.partitions", 3);
        properties.put("tideway.instance-id", "ftp-writer-test");
        properties.put("tideway.writer.retry.initial-backoff", "200ms");
        properties.put("tideway.writer.retry.max-backoff", "1s");
        properties.put("tideway.writer.retry.max-attempts", 30);
        properties.put("tideway.ftp.buffer-size", "1MB");
        properties.put("tideway.ftp.connect-timeout", "5s");
        properties.put("tideway.ftp.data-timeout", "20s");
        properties.put("micronaut.server.port", -1);
        properties.putAll(overrides);
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    static void stop(EmbeddedServer server) {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }
}
