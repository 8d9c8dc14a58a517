package io.tideway.query.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/**
 * Which query engine holds the accounts' tables.
 *
 * @param kind {@code tideway.engine.kind}: {@code duckdb} (default), an embedded DuckDB file per account in the data
 *             directory, or {@code trino}, a Trino cluster over JDBC configured by {@link TrinoSettings}
 */
@ConfigurationProperties("tideway.engine")
public record EngineSettings(@Nullable String kind) {

    /** The engines there are. */
    public enum Kind {
        DUCKDB, TRINO;

        /** Reads a configured kind, case-insensitively; null or blank is the default, DuckDB. */
        public static Kind parse(String text) {
            if (text == null || text.isBlank()) {
                return DUCKDB;
            }
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tideway.engine.kind must be duckdb or trino, not '" + text + "'");
            }
        }
    }

    public EngineSettings {
        kind = Kind.parse(kind).name().toLowerCase(Locale.ROOT);
    }

    /** The configured engine. */
    public Kind engine() {
        return Kind.parse(kind);
    }

    public static EngineSettings duckDb() {
        return new EngineSettings(null);
    }
}
