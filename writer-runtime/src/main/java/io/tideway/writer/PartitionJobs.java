package io.tideway.writer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The state of one assigned partition: its open jobs, and the offsets the consumer offset must not pass yet (the
 * header of every unsettled job, every dead letter not yet acknowledged). Used on the consumer thread only.
 */
final class PartitionJobs {

    private final TopicPartition topicPartition;
    private final Map<String, OpenJob> jobs = new HashMap<>();
    private final TreeMap<Long, Object> unsettled = new TreeMap<>();
    private long position = -1;
    private long committed = -1;

    PartitionJobs(TopicPartition topicPartition) {
        this.topicPartition = topicPartition;
    }

    TopicPartition topicPartition() {
        return topicPartition;
    }

    void handled(long offset) {
        position = offset + 1;
    }

    OpenJob job(String jobId) {
        return jobs.get(jobId);
    }

    void open(OpenJob job) {
        jobs.put(job.jobId(), job);
        unsettled.put(job.headerOffset(), job);
    }

    /** The job's records after this are ignored; its offset stays unsettled until {@link #settle}. */
    void close(OpenJob job) {
        jobs.remove(job.jobId(), job);
    }

    void hold(long offset, Object what) {
        unsettled.put(offset, what);
    }

    void settle(long offset, Object what) {
        unsettled.remove(offset, what);
    }

    boolean owns(OpenJob job) {
        return jobs.get(job.jobId()) == job || unsettled.get(job.headerOffset()) == job;
    }

    Collection<OpenJob> openJobs() {
        return jobs.values();
    }

    /** The offset to commit: below the oldest unsettled record, else after the last record handled; -1 if none. */
    long safeOffset() {
        return unsettled.isEmpty() ? position : unsettled.firstKey();
    }

    long committed() {
        return committed;
    }

    void committed(long offset) {
        committed = offset;
    }
}
