package dev.subtitles.common.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.payload.Priority;

class WorkQueuesTest {

    private final WorkQueues queues = new WorkQueues("downloader.requests", Duration.ofSeconds(5),
            Duration.ofSeconds(20));

    @Test
    void theNormalQueueKeepsItsNameAndTheOthersExtendIt() {
        assertThat(queues.queue(Priority.NORMAL)).isEqualTo("downloader.requests");
        assertThat(queues.queue(Priority.HIGH)).isEqualTo("downloader.requests.high");
        assertThat(queues.queue(Priority.LOW)).isEqualTo("downloader.requests.low");
    }

    @Test
    void eachQueueHasDelayQueuesOfItsOwnThatReturnToIt() {
        DelayQueues high = queues.delayQueues(Priority.HIGH);

        assertThat(high.workQueue()).isEqualTo("downloader.requests.high");
        assertThat(high.queueName(Duration.ofSeconds(10))).isEqualTo("downloader.requests.high.delay.10000ms");
        assertThat(queues.delayQueues(Priority.NORMAL).queueName(Duration.ofSeconds(10)))
                .isEqualTo("downloader.requests.delay.10000ms");
    }

    @Test
    void everyPriorityHasTheSameTiers() {
        assertThat(queues.allDelayQueues()).hasSize(3)
                .allSatisfy(delayQueues -> assertThat(delayQueues.tiers()).containsExactly(Duration.ofSeconds(5),
                        Duration.ofSeconds(10), Duration.ofSeconds(20)));
    }
}
