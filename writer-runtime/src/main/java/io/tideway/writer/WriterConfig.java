package io.tideway.writer;

import io.tideway.schemas.Topics;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link WriterRuntime}. Build with {@link #forScheme(String, String, String)}, which fills every
 * optional setting with its default, and adjust with the {@code with...} methods.
 *
 * @param scheme                 the destination scheme delivered (ftp, web, td)
 * @param topic                  the results topic consumed; default {@code Topics.results(scheme)}
 * @param groupId                the consumer group; default {@code tideway-<scheme>-writer}
 * @param bootstrapServers       Kafka bootstrap servers
 * @param secretKey              the deployment's base64 secret key, to unseal destination URLs; never printed
 * @param instanceId             names this writer instance on job events ({@code worker}) and Kafka client ids
 * @param retry                  retry policy for retriable delivery failures
 * @param pollTimeout            longest wait of one consumer poll; default {@value #DEFAULT_POLL_TIMEOUT_MILLIS} ms
 * @param maxPollRecords         records per poll; default {@value #DEFAULT_MAX_POLL_RECORDS}
 * @param fetchMaxBytes          bytes per fetch; default {@value #DEFAULT_FETCH_MAX_BYTES} (result batches are large)
 * @param maxPartitionFetchBytes bytes per partition per fetch; default {@value #DEFAULT_MAX_PARTITION_FETCH_BYTES}
 * @param closeTimeout           bound on a clean shutdown; default {@value #DEFAULT_CLOSE_TIMEOUT_MILLIS} ms
 * @param retryThreads           threads that run retried deliveries; default {@value #DEFAULT_RETRY_THREADS}
 */
public record WriterConfig(String scheme, String topic, String groupId, String bootstrapServers, String secretKey,
                           String instanceId, RetryPolicy retry, Duration pollTimeout, int maxPollRecords,
                           int fetchMaxBytes, int maxPartitionFetchBytes, Duration closeTimeout, int retryThreads) {

    public static final long DEFAULT_POLL_TIMEOUT_MILLIS = 100;
    public static final int DEFAULT_MAX_POLL_RECORDS = 500;
    public static final int DEFAULT_FETCH_MAX_BYTES = 50 * 1024 * 1024;
    public static final int DEFAULT_MAX_PARTITION_FETCH_BYTES = 8 * 1024 * 1024;
    public static final long DEFAULT_CLOSE_TIMEOUT_MILLIS = 10_000;
    public static final int DEFAULT_RETRY_THREADS = 4;

    public WriterConfig {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(retry, "retry");
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("The writer needs Kafka bootstrap servers (tideway.kafka.bootstrap-servers)");
        }
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("The writer needs the deployment's secret key (tideway.secret-key)");
        }
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("The writer needs an instance id");
        }
    }

    /** Settings for the writer of a scheme, every optional one at its default. */
    public static WriterConfig forScheme(String scheme, String bootstrapServers, String secretKey) {
        return new WriterConfig(scheme, Topics.results(scheme), "tideway-" + scheme + "-writer", bootstrapServers,
                secretKey, defaultInstanceId(), RetryPolicy.DEFAULT, Duration.ofMillis(DEFAULT_POLL_TIMEOUT_MILLIS),
                DEFAULT_MAX_POLL_RECORDS, DEFAULT_FETCH_MAX_BYTES, DEFAULT_MAX_PARTITION_FETCH_BYTES,
                Duration.ofMillis(DEFAULT_CLOSE_TIMEOUT_MILLIS), DEFAULT_RETRY_THREADS);
    }

    /** {@code hostname-pid}: unique enough to tell writer instances apart in job events. */
    public static String defaultInstanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    public WriterConfig withTopic(String topic, String groupId) {
        return new WriterConfig(scheme, topic, groupId, bootstrapServers, secretKey, instanceId, retry, pollTimeout,
                maxPollRecords, fetchMaxBytes, maxPartitionFetchBytes, closeTimeout, retryThreads);
    }

    public WriterConfig withInstanceId(String instanceId) {
        return new WriterConfig(scheme, topic, groupId, bootstrapServers, secretKey, instanceId, retry, pollTimeout,
                maxPollRecords, fetchMaxBytes, maxPartitionFetchBytes, closeTimeout, retryThreads);
    }

    public WriterConfig withRetry(RetryPolicy retry) {
        return new WriterConfig(scheme, topic, groupId, bootstrapServers, secretKey, instanceId, retry, pollTimeout,
                maxPollRecords, fetchMaxBytes, maxPartitionFetchBytes, closeTimeout, retryThreads);
    }

    public WriterConfig withMaxPollRecords(int maxPollRecords) {
        return new WriterConfig(scheme, topic, groupId, bootstrapServers, secretKey, instanceId, retry, pollTimeout,
                maxPollRecords, fetchMaxBytes, maxPartitionFetchBytes, closeTimeout, retryThreads);
    }

    /** The settings as one line for the start-up log, the secret key masked. */
    @Override
    public String toString() {
        return "scheme=" + scheme + ", topic=" + topic + ", group=" + groupId + ", bootstrap=" + bootstrapServers
                + ", secret-key=***, instance=" + instanceId + ", retry=" + retry.initialBackoff() + ".."
                + retry.maxBackoff() + " x" + retry.maxAttempts() + ", poll=" + pollTimeout + ", max-poll-records="
                + maxPollRecords + ", fetch-max-bytes=" + fetchMaxBytes + ", max-partition-fetch-bytes="
                + maxPartitionFetchBytes + ", close-timeout=" + closeTimeout + ", retry-threads=" + retryThreads;
    }
}
