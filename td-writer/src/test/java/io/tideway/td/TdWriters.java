package io.tideway.td;

import io.tideway.writer.service.testing.RunningWriter;
import java.util.Map;

/** Starts the td-writer with the settings of its tests: quick retries, small parts, short timeouts. */
final class TdWriters {

    private static final Map<String, Object> SETTINGS = Map.of(
            "tideway.instance-id", "td-writer-test",
            "tideway.writer.retry.initial-backoff", "100ms",
            "tideway.writer.retry.max-backoff", "500ms",
            "tideway.writer.retry.max-attempts", 5,
            "tideway.td.part-rows", 1_000,
            "tideway.td.connect-timeout", "5s",
            "tideway.td.request-timeout", "20s");

    private TdWriters() {
    }

    static RunningWriter start(Map<String, Object> overrides) {
        return RunningWriter.start(SETTINGS, overrides);
    }
}
