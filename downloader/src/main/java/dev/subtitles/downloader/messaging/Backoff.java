package dev.subtitles.downloader.messaging;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import dev.subtitles.downloader.config.DownloaderConfig;

/**
 * Exponential backoff with jitter: the delay after attempt {@code n} is {@code initial * 2^(n-1)}, capped at the
 * maximum, of which a random share (the jitter) is taken off so that jobs that failed together do not come back
 * together.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;

    public Backoff(DownloaderConfig.Retry config, DoubleSupplier random) {
        this.initial = config.initialDelay();
        this.max = config.maxDelay();
        this.jitter = Math.max(0, Math.min(1, config.jitter()));
        this.random = random;
    }

    /** The delay before the attempt after {@code failedAttempt}, never less than {@code atLeast}. */
    public Duration after(int failedAttempt, Duration atLeast) {
        Duration nominal = initial;
        for (int i = 1; i < failedAttempt && nominal.compareTo(max) < 0; i++) {
            nominal = nominal.multipliedBy(2);
        }
        if (nominal.compareTo(max) > 0) {
            nominal = max;
        }
        long millis = Math.round(nominal.toMillis() * (1 - jitter * random.getAsDouble()));
        Duration delay = Duration.ofMillis(Math.max(millis, 1));
        return delay.compareTo(atLeast) >= 0 ? delay : atLeast;
    }
}
