package io.tideway.query.runner;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.kafka.common.utils.Utils;

/**
 * The results partition of a job: for a numeric job id (the service's own, consecutive) the id modulo the topic's
 * partition count, so that consecutive jobs go round the partitions and a group of writers shares them evenly;
 * hashing the key instead put 29 of 60 consecutive jobs on 2 of 6 partitions. Any other id gets the producer's own
 * choice for its key (murmur2). A job's messages all go to its one partition, in order, as the writers need. The
 * partition count of each topic is asked once.
 */
final class ResultPartitions {

    private final ToIntFunction<String> partitionCount;
    private final Map<String, Integer> counts = new HashMap<>();

    /** {@code partitionCount} answers a topic's partition count (the producer's {@code partitionsFor(t).size()}). */
    ResultPartitions(ToIntFunction<String> partitionCount) {
        this.partitionCount = partitionCount;
    }

    int partition(String topic, String jobId) {
        return partition(jobId, counts.computeIfAbsent(topic, partitionCount::applyAsInt));
    }

    static int partition(String jobId, int partitions) {
        if (isDigits(jobId)) {
            try {
                return (int) Math.floorMod(Long.parseLong(jobId), (long) partitions);
            } catch (NumberFormatException e) {
                // more digits than a long: hash it like any other key
            }
        }
        return Utils.toPositive(Utils.murmur2(jobId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
