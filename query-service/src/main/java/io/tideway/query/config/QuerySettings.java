package io.tideway.query.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;

/**
 * Settings of the query service.
 *
 * @param dataDir         {@code tideway.query.data-dir}: holds the DuckDB warehouse, stored results, accounts and
 *                        the job id counter; default {@value #DEFAULT_DATA_DIR}
 * @param seedSampleData  {@code tideway.query.seed-sample-data}: create {@code testdb.www_access} when missing;
 *                        default false
 * @param bootstrapApiKey {@code tideway.query.bootstrap-api-key}: master API key of the local account "1",
 *                        created at start if missing; never logged
 * @param batchBytes      {@code tideway.query.batch-bytes}: approximate bytes per published row batch, between
 *                        {@value #MIN_BATCH_BYTES} and {@value #MAX_BATCH_BYTES} (results topics take 8 MiB
 *                        messages); default {@value #DEFAULT_BATCH_BYTES}
 */
@ConfigurationProperties("tideway.query")
public record QuerySettings(@Nullable Path dataDir, @Nullable Boolean seedSampleData,
                            @Nullable String bootstrapApiKey, @Nullable Integer batchBytes) {

    public static final String DEFAULT_DATA_DIR = "./data";
    public static final int DEFAULT_BATCH_BYTES = 1024 * 1024;
    public static final int MIN_BATCH_BYTES = 1024;
    public static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

    public QuerySettings {
        dataDir = (dataDir == null ? Path.of(DEFAULT_DATA_DIR) : dataDir).toAbsolutePath().normalize();
        seedSampleData = seedSampleData != null && seedSampleData;
        bootstrapApiKey = bootstrapApiKey == null || bootstrapApiKey.isBlank() ? null : bootstrapApiKey.strip();
        batchBytes = batchBytes == null ? DEFAULT_BATCH_BYTES : batchBytes;
        if (batchBytes < MIN_BATCH_BYTES || batchBytes > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("tideway.query.batch-bytes must be between " + MIN_BATCH_BYTES
                    + " and " + MAX_BATCH_BYTES + ", not " + batchBytes);
        }
    }

    @Override
    public String toString() {
        return "QuerySettings[dataDir=" + dataDir + ", seedSampleData=" + seedSampleData + ", bootstrapApiKey="
                + (bootstrapApiKey == null ? "none" : "***") + ", batchBytes=" + batchBytes + "]";
    }
}
