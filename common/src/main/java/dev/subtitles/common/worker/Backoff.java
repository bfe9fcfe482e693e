package dev.subtitles.common.worker;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the delay after failed attempt {@code n} is {@code initial * 2^(n-1)}, capped at
 * {@code max}, then shortened by a random fraction up to {@code jitter} so that jobs that failed together do not
 * come back together. A wait the failing party asked for ({@code Retry-After}) is a floor.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;

    /**
     * @param jitter between 0 and 1
     * @param random uniform values in [0, 1)
     */
    public Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    /** The delay before the attempt that follows {@code failedAttempt} (1-based), at least {@code atLeast}. */
    public Duration after(int failedAttempt, Duration atLeast) {
        int doublings = Math.min(Math.max(failedAttempt - 1, 0), 30);
        long millis = Math.min(max.toMillis(), initial.toMillis() << doublings);
        long jittered = Math.round(millis * (1 - jitter * random.getAsDouble()));
        return Duration.ofMillis(Math.max(jittered, atLeast.toMillis()));
    }
}
