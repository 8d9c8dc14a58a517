package io.tideway.query.jobs;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules for a job's type, priority and retry limit, checked alike wherever a job comes from: the API, a
 * schedule, another system's job on the jobs topic. Each check returns what is wrong, for the caller to report in
 * its own way (an HTTP error, a refused schedule, a failed job).
 */
public final class JobOptions {

    /** Job types accepted; every type runs on the configured engine. */
    private static final Set<String> TYPES = Set.of("presto", "trino", "hive", "impala");

    private JobOptions() {
    }

    /** The type as stored (lower case), or null when it is not one of {@link #TYPES}. */
    public static String normalType(String type) {
        if (type == null) {
            return null;
        }
        String normal = type.strip().toLowerCase(Locale.ROOT);
        return TYPES.contains(normal) ? normal : null;
    }

    public static Optional<String> typeProblem(String type) {
        return normalType(type) != null ? Optional.empty() : Optional.of("Job type '" + type
                + "' is not supported; use one of " + String.join(", ", TYPES.stream().sorted().toList()));
    }

    public static Optional<String> priorityProblem(int priority) {
        return priority >= -2 && priority <= 2 ? Optional.empty()
                : Optional.of("Priority " + priority + " is out of range: use -2 (very low) to 2 (very high)");
    }

    /** {@code field}: the name the caller knows the limit by ({@code retry_limit} in the API). */
    public static Optional<String> retryLimitProblem(String field, int retryLimit) {
        return retryLimit >= 0 ? Optional.empty()
                : Optional.of(field + " must not be negative, not " + retryLimit);
    }
}
