package dev.subtitles.common.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration INITIAL = Duration.ofSeconds(10);
    private static final Duration MAX = Duration.ofMinutes(1);

    @Test
    void delayDoublesWithEachFailedAttempt() {
        Backoff backoff = new Backoff(INITIAL, MAX, 0.2, () -> 0.0);

        assertThat(backoff.after(1, Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(2, Duration.ZERO)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.after(3, Duration.ZERO)).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void delayNeverExceedsTheMaximum() {
        assertThat(new Backoff(INITIAL, MAX, 0.2, () -> 0.0).after(40, Duration.ZERO)).isEqualTo(MAX);
    }

    @Test
    void jitterShortensTheDelayByUpToItsFraction() {
        assertThat(new Backoff(INITIAL, MAX, 0.2, () -> 0.999_999).after(1, Duration.ZERO))
                .isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aWaitTheEngineAskedForIsAFloor() {
        assertThat(new Backoff(INITIAL, MAX, 0.2, () -> 0.5).after(1, Duration.ofSeconds(30)))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterOutsideZeroToOneIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(INITIAL, MAX, 1.5, () -> 0.0));
    }
}
