package io.tideway.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.DoubleStream;

/** The harness's arithmetic: percentiles, ratios and the way figures are written. */
final class Stats {

    private Stats() {
    }

    /**
     * The nearest-rank percentile: the smallest sample with at least {@code p} percent of the samples at or below
     * it (p50 of 200 samples is the 100th smallest, p99 the 198th). No interpolation, so it is always a sample.
     */
    static double percentile(Collection<? extends Number> samples, double p) {
        values(samples);
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("Percentile must be in (0, 100], not " + p);
        }
        double[] sorted = values(samples).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    static double mean(Collection<? extends Number> samples) {
        return values(samples).average().getAsDouble();
    }

    static double max(Collection<? extends Number> samples) {
        return values(samples).max().getAsDouble();
    }

    static double min(Collection<? extends Number> samples) {
        return values(samples).min().getAsDouble();
    }

    /** The samples as doubles; a figure of no samples is a harness bug, said as such rather than as "No value". */
    private static DoubleStream values(Collection<? extends Number> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("No samples");
        }
        return samples.stream().mapToDouble(Number::doubleValue);
    }

    /** {@code numerator / denominator}; NaN when the denominator is not positive. */
    static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }

    /** Items per second over {@code millis}. */
    static double perSecond(long items, double millis) {
        return millis > 0 ? items * 1000.0 / millis : Double.NaN;
    }

    /** MB/s (10^6 bytes) of {@code bytes} moved in {@code millis}. */
    static double megabytesPerSecond(long bytes, double millis) {
        return millis > 0 ? bytes / 1e6 / (millis / 1000.0) : Double.NaN;
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%,.0f ms", millis);
    }

    static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    static String times(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MiB", bytes / 1024.0 / 1024.0);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Samples summarized as min / p50 / p90 / p99 / max, in ms. */
    static String summary(Collection<? extends Number> samples) {
        return String.format(Locale.ROOT, "min %.0f, p50 %.0f, p90 %.0f, p99 %.0f, max %.0f ms (n=%d)",
                min(samples), percentile(samples, 50), percentile(samples, 90), percentile(samples, 99),
                max(samples), samples.size());
    }

    static double[] sorted(Collection<? extends Number> samples) {
        double[] values = samples.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(values);
        return values;
    }
}
