package io.tideway.web;

import io.tideway.writer.service.testing.RunningWriter;
import java.util.Map;

/** Starts the web-writer with the settings of its tests: quick retries, loopback allowed, short timeouts. */
final class WebWriters {

    private static final Map<String, Object> SETTINGS = Map.of(
            "tideway.instance-id", "web-writer-test",
            "tideway.writer.retry.initial-backoff", "100ms",
            "tideway.writer.retry.max-backoff", "500ms",
            "tideway.writer.retry.max-attempts", 5,
            "tideway.web.allowed-networks", "127.0.0.0/8,::1/128",
            "tideway.web.connect-timeout", "5s",
            "tideway.web.request-timeout", "20s");

    private WebWriters() {
    }

    static RunningWriter start(Map<String, Object> overrides) {
        return RunningWriter.start(SETTINGS, overrides);
    }
}
