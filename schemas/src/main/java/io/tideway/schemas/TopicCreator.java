package io.tideway.schemas;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics a service needs if they do not exist yet; safe to run from every service at once. */
public final class TopicCreator {

    private TopicCreator() {
    }

    public static void ensure(String bootstrapServers, List<TopicSpec> topics, short replicationFactor) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<org.apache.kafka.clients.admin.NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> t.toNewTopic(replicationFactor))
                    .toList();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> created :
                    admin.createTopics(missing).values().entrySet()) {
                awaitCreated(created.getKey(), created.getValue());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list topics on Kafka at " + bootstrapServers
                    + "; is the broker running? " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    private static void awaitCreated(String topic, org.apache.kafka.common.KafkaFuture<Void> future)
            throws InterruptedException, TimeoutException {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        }
    }
}
