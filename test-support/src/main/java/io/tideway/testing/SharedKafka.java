package io.tideway.testing;

import io.tideway.broker.LocalBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real Kafka broker for the whole test JVM: started on first use, stopped when the JVM exits. Tests share it,
 * so each test uses its own job ids (and, where it matters, its own consumer group) rather than its own broker.
 */
public final class SharedKafka {

    private static LocalBroker broker;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = startBroker();
        }
        return broker.bootstrapServers();
    }

    private static LocalBroker startBroker() {
        try {
            Path dir = Files.createTempDirectory("tideway-test-kafka");
            LocalBroker started = LocalBroker.start(dir, 0, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-kafka-shutdown"));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a directory for the test broker", e);
        }
    }
}
