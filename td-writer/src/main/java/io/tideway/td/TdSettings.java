package io.tideway.td;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the td-writer talks to a target account's API ({@code tideway.td.*}).
 *
 * @param partRows       {@code tideway.td.part-rows}: rows at most in one uploaded part; default
 *                       {@value #DEFAULT_PART_ROWS}
 * @param partBytes      {@code tideway.td.part-bytes} (e.g. {@code 16MB}): msgpack bytes at most in one part, counted
 *                       before gzip; a part is closed at the first row that reaches it, so it may exceed the limit
 *                       by one row; default {@value #DEFAULT_PART_BYTES}
 * @param connectTimeout {@code tideway.td.connect-timeout}: longest wait to connect, TLS handshake included;
 *                       default {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS} s
 * @param requestTimeout {@code tideway.td.request-timeout}: longest the target may go without taking or sending
 *                       data during a request, and longest wait for its reply; default
 *                       {@value #DEFAULT_REQUEST_TIMEOUT_SECONDS} s
 * @param tempDir        {@code tideway.td.temp-dir}: where each delivery builds its current part before uploading
 *                       it (one file per open delivery, at most about a part in size); default the JVM's temporary
 *                       directory
 */
@ConfigurationProperties("tideway.td")
public record TdSettings(@Nullable Integer partRows, @Nullable @ReadableBytes Integer partBytes,
                         @Nullable Duration connectTimeout, @Nullable Duration requestTimeout,
                         @Nullable Path tempDir) {

    public static final int DEFAULT_PART_ROWS = 100_000;
    public static final int DEFAULT_PART_BYTES = 16 * 1024 * 1024;
    public static final long DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final long DEFAULT_REQUEST_TIMEOUT_SECONDS = 120;
    public static final TdSettings DEFAULTS = new TdSettings(null, null, null, null, null);

    public TdSettings {
        partRows = partRows == null ? DEFAULT_PART_ROWS : partRows;
        partBytes = partBytes == null ? DEFAULT_PART_BYTES : partBytes;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(DEFAULT_REQUEST_TIMEOUT_SECONDS) : requestTimeout;
        tempDir = tempDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : tempDir;
        requirePositive(partRows, "part-rows");
        requirePositive(partBytes, "part-bytes");
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(requestTimeout, "request-timeout");
    }

    public TdSettings withParts(int partRows, int partBytes) {
        return new TdSettings(partRows, partBytes, connectTimeout, requestTimeout, tempDir);
    }

    public TdSettings withTempDir(Path tempDir) {
        return new TdSettings(partRows, partBytes, connectTimeout, requestTimeout, tempDir);
    }

    public TdSettings withTimeouts(Duration connectTimeout, Duration requestTimeout) {
        return new TdSettings(partRows, partBytes, connectTimeout, requestTimeout, tempDir);
    }

    private static void requirePositive(long value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException("tideway.td." + key + " must be positive, not " + value);
        }
    }

    private static void requirePositive(Duration timeout, String key) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tideway.td." + key + " must be positive, not " + timeout);
        }
    }

    @Override
    public String toString() {
        return "td.part-rows=" + partRows + ", td.part-bytes=" + partBytes + ", td.connect-timeout=" + connectTimeout
                + ", td.request-timeout=" + requestTimeout + ", td.temp-dir=" + tempDir;
    }
}
