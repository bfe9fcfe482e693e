package dev.subtitles.common.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DelayQueuesTest {

    private final DelayQueues queues = new DelayQueues("translator.requests", Duration.ofSeconds(10),
            Duration.ofSeconds(60));

    @Test
    void tiersDoubleFromTheInitialDelayUpToTheMaximum() {
        assertThat(queues.tiers()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(40), Duration.ofSeconds(60));
    }

    @Test
    void aDelayWaitsInTheShortestTierAtLeastAsLong() {
        assertThat(queues.tierFor(Duration.ofSeconds(15))).isEqualTo(Duration.ofSeconds(20));
        assertThat(queues.tierFor(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aDelayLongerThanEveryTierWaitsInTheLongest() {
        assertThat(queues.tierFor(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void queueNamesCarryTheWorkQueueAndTheTier() {
        assertThat(queues.queueName(Duration.ofSeconds(20))).isEqualTo("translator.requests.delay.20000ms");
    }

    @Test
    void aMaximumBelowTheInitialDelayIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DelayQueues("translator.requests", Duration.ofSeconds(10), Duration.ofSeconds(5)));
    }
}
