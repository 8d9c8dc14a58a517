package io.tideway.scheduler;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * How the topics are created when missing ({@code tideway.topics.*}).
 *
 * @param partitions {@code tideway.topics.partitions}: partitions of each topic; those of {@code schedules} bound
 *                   how many scheduler instances share the schedules; default {@value #DEFAULT_PARTITIONS}
 */
@ConfigurationProperties("tideway.topics")
public record TopicSettings(@Nullable Integer partitions) {

    public static final int DEFAULT_PARTITIONS = 6;

    public TopicSettings {
        partitions = partitions == null ? DEFAULT_PARTITIONS : partitions;
        if (partitions < 1) {
            throw new IllegalArgumentException("tideway.topics.partitions must be at least 1, not " + partitions);
        }
    }
}
