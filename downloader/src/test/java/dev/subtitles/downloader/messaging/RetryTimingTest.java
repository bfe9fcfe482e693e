package dev.subtitles.downloader.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.subtitles.downloader.config.DownloaderConfig;

class RetryTimingTest {

    private static DownloaderConfig.Retry retry(double jitter) {
        return new DownloaderConfig.Retry() {
            @Override
            public int maxAttempts() {
                return 5;
            }

            @Override
            public Duration initialDelay() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration maxDelay() {
                return Duration.ofSeconds(30);
            }

            @Override
            public double jitter() {
                return jitter;
            }
        };
    }

    @Test
    void delayDoublesWithEachAttemptUpToTheMaximum() {
        Backoff backoff = new Backoff(retry(0), () -> 0.5);

        assertThat(List.of(1, 2, 3, 4, 5).stream().map(n -> backoff.after(n, Duration.ZERO)).toList())
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                        Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void jitterTakesARandomShareOff() {
        Backoff backoff = new Backoff(retry(0.5), () -> 1.0);

        assertThat(backoff.after(2, Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void delayIsNeverShorterThanWhatTheProviderAskedFor() {
        Backoff backoff = new Backoff(retry(0.5), () -> 0.0);

        assertThat(backoff.after(1, Duration.ofSeconds(42))).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void delayQueueTiersDoubleUpToTheMaximum() {
        DelayQueues queues = new DelayQueues("downloader.requests",
                List.of(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30)));

        assertThat(queues.tierFor(Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(10));
        assertThat(queues.tierFor(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        assertThat(queues.tierFor(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(30));
        assertThat(queues.queueName(Duration.ofSeconds(10))).isEqualTo("downloader.requests.delay.10000ms");
    }
}
