package io.tideway.writer;

import io.tideway.destination.Masker;
import io.tideway.schemas.ResultHeader;
import java.time.Duration;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;

/**
 * A job whose header has been read and that is not yet settled (delivered or failed, and reported). Owned by the
 * consumer thread; a retry thread reads its immutable fields and {@link #cancelled()}.
 */
final class OpenJob {

    private final PartitionJobs partition;
    private final String jobId;
    private final long headerOffset;
    private final ResultHeader header;
    private final String maskedUrl;
    private volatile Masker masker;
    private volatile boolean cancelled;
    private Attempt streaming;
    private Future<?> retry;
    private int failedAttempts;
    private long publishedAt;
    private volatile long attemptStartedNanos;

    OpenJob(PartitionJobs partition, String jobId, long headerOffset, ResultHeader header) {
        this.partition = partition;
        this.jobId = jobId;
        this.headerOffset = headerOffset;
        this.header = header;
        this.maskedUrl = Masker.maskUrlLike(header.getDestination().getMaskedUrl());
        this.masker = Masker.of();
    }

    PartitionJobs partition() {
        return partition;
    }

    TopicPartition topicPartition() {
        return partition.topicPartition();
    }

    String jobId() {
        return jobId;
    }

    String accountId() {
        return header.getAccountId();
    }

    long headerOffset() {
        return headerOffset;
    }

    ResultHeader header() {
        return header;
    }

    String maskedUrl() {
        return maskedUrl;
    }

    /** Masks the job's secrets, once its URL has been unsealed, and anything that looks like a URL password. */
    String mask(String text) {
        return masker.mask(text);
    }

    void maskWith(Masker masker) {
        this.masker = masker;
    }

    Attempt streaming() {
        return streaming;
    }

    void streaming(Attempt attempt) {
        this.streaming = attempt;
    }

    void abortStreaming() {
        if (streaming != null) {
            streaming.abort();
            streaming = null;
        }
    }

    int failedAttempts() {
        return failedAttempts;
    }

    int countFailedAttempt() {
        return ++failedAttempts;
    }

    void retry(Future<?> retry) {
        this.retry = retry;
    }

    /** When the query service published the job's header (the record's timestamp, epoch millis). */
    void publishedAt(long epochMillis) {
        this.publishedAt = epochMillis;
    }

    Duration sincePublished() {
        return Duration.ofMillis(Math.max(0, System.currentTimeMillis() - publishedAt));
    }

    /** Marks the start of an attempt, on the thread that makes it. */
    void attemptStarted() {
        attemptStartedNanos = System.nanoTime();
    }

    Duration attemptTime() {
        return Duration.ofNanos(System.nanoTime() - attemptStartedNanos);
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Stops whatever attempt is under way; the job stays unsettled, so its offset is not committed past. */
    void cancel() {
        cancelled = true;
        abortStreaming();
        if (retry != null) {
            retry.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "job " + jobId + " (" + topicPartition() + "@" + headerOffset + ")";
    }
}
