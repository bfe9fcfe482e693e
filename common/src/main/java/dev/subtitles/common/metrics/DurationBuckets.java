package dev.subtitles.common.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Timer;

/**
 * The buckets of every duration histogram of the pipeline: fixed service-level boundaries from 5 ms to 2 h, so that
 * Prometheus computes quantiles across instances ({@code histogram_quantile}) and an SLO reads as one bucket
 * ("jobs done within 2 s"). No percentile is computed in the process.
 */
public final class DurationBuckets {

    private static final Duration[] SLOS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2) };

    private DurationBuckets() {
    }

    /** A timer builder with the pipeline's buckets. */
    public static Timer.Builder timer(String name) {
        return Timer.builder(name).serviceLevelObjectives(SLOS);
    }
}
