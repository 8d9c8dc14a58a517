package io.tideway.ftp;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.time.Duration;

/**
 * How the ftp-writer talks to FTP servers ({@code tideway.ftp.*}).
 *
 * @param bufferSize     bytes buffered before a write to the data connection ({@code tideway.ftp.buffer-size},
 *                       e.g. {@code 4MB}), held by every open delivery; default {@value #DEFAULT_BUFFER_SIZE}
 * @param connectTimeout longest wait to connect ({@code tideway.ftp.connect-timeout}, e.g. {@code 10s}); default
 *                       {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS} s
 * @param dataTimeout    longest wait for the server to answer or take data ({@code tideway.ftp.data-timeout});
 *                       default {@value #DEFAULT_DATA_TIMEOUT_SECONDS} s
 */
@ConfigurationProperties("tideway.ftp")
public record FtpSettings(@Nullable @ReadableBytes Integer bufferSize, @Nullable Duration connectTimeout,
                          @Nullable Duration dataTimeout) {

    public static final int DEFAULT_BUFFER_SIZE = 4 * 1024 * 1024;
    public static final long DEFAULT_CONNECT_TIMEOUT_SECONDS = 15;
    public static final long DEFAULT_DATA_TIMEOUT_SECONDS = 60;
    public static final FtpSettings DEFAULTS = new FtpSettings(null, null, null);

    public FtpSettings {
        bufferSize = bufferSize == null ? DEFAULT_BUFFER_SIZE : bufferSize;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS) : connectTimeout;
        dataTimeout = dataTimeout == null ? Duration.ofSeconds(DEFAULT_DATA_TIMEOUT_SECONDS) : dataTimeout;
        if (bufferSize < 1) {
            throw new IllegalArgumentException("tideway.ftp.buffer-size must be positive, not " + bufferSize);
        }
    }

    @Override
    public String toString() {
        return "ftp.buffer-size=" + bufferSize + ", ftp.connect-timeout=" + connectTimeout + ", ftp.data-timeout="
                + dataTimeout;
    }
}
