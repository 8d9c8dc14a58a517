package io.tideway.ftp;

import io.tideway.writer.service.testing.RunningWriter;
import java.util.Map;

/** Starts the ftp-writer with the settings of its tests: quick retries, small buffers, short timeouts. */
final class FtpWriters {

    private static final Map<String, Object> SETTINGS = Map.of(
            "tideway.instance-id", "ftp-writer-test",
            "tideway.writer.retry.initial-backoff", "200ms",
            "tideway.writer.retry.max-backoff", "1s",
            "tideway.writer.retry.max-attempts", 30,
            "tideway.ftp.buffer-size", "1MB",
            "tideway.ftp.connect-timeout", "5s",
            "tideway.ftp.data-timeout", "20s");

    private FtpWriters() {
    }

    static RunningWriter start(Map<String, Object> overrides) {
        return RunningWriter.start(SETTINGS, overrides);
    }
}
