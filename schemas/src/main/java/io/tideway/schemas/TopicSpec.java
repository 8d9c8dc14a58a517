package io.tideway.schemas;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/** A topic as Tideway creates it: name, partitions and the configuration that matters for its role. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    public NewTopic toNewTopic(short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
