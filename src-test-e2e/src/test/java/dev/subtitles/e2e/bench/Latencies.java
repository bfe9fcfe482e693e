package dev.subtitles.e2e.bench;

import java.util.List;

/**
 * Percentiles of a set of durations, in milliseconds (nearest rank: p99 of 500 is the 495th smallest); NaN for an
 * empty set.
 */
record Latencies(int count, double p50, double p99, double max) {

    static Latencies ofNanos(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Latencies(sorted.length, millis(sorted, 0.50), millis(sorted, 0.99), millis(sorted, 1.0));
    }

    private static double millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
