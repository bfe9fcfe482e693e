package dev.subtitles.eventconsumer.projection;

import static dev.subtitles.common.event.EventType.DOWNLOAD_REQUESTED;
import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.testing.TcpProxy;
import dev.subtitles.eventconsumer.testing.ConsumerMetrics;
import dev.subtitles.eventconsumer.testing.ConsumerTest;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.RedisProxyResource;
import dev.subtitles.eventconsumer.testing.RedisProxyResource.InjectRedisProxy;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The application reaches Redis through a proxy this test cuts for several seconds while events keep coming: the batch
 * in hand waits with backoff, nothing goes back to the queue, and everything is projected once the link returns.
 */
@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RedisProxyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RedisOutageTest extends ConsumerTest {

    private static final EventType[] LIFECYCLE = { DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, SUBTITLE_READY };

    @InjectRedisProxy
    TcpProxy redisProxy;
    @Inject
    JobViews views;
    @Inject
    ConsumerMetrics metrics;

    @Test
    void noEventIsLostWhileRedisIsAwayForAFewSeconds() throws InterruptedException {
        List<UUID> jobs = TestEvents.jobIds(20);
        broker.publishForEach(jobs, LIFECYCLE[0]);

        redisProxy.cut();
        try {
            broker.publishForEach(jobs, LIFECYCLE[1]);
            Thread.sleep(1_000);
            broker.publishForEach(jobs, LIFECYCLE[2]);
            Thread.sleep(2_000);
        } finally {
            redisProxy.restore();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (UUID jobId : jobs) {
                assertThat(views.history(jobId)).as("history of job %s", jobId).hasSize(LIFECYCLE.length);
                assertThat(views.phase(jobId)).isEqualTo("DONE");
            }
        });
    }

    @Test
    void aRedisOutageIsWaitedOutWithBackoffAndNoMessageGoesBackToTheQueue() throws InterruptedException {
        List<UUID> jobs = TestEvents.jobIds(5);
        double redeliveredBefore = metrics.redelivered();
        double failuresBefore = metrics.viewFailures();

        redisProxy.cut();
        try {
            broker.publishForEach(jobs, LIFECYCLE[0]);
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics.viewFailures() > failuresBefore);
            Thread.sleep(8_000);
        } finally {
            redisProxy.restore();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (UUID jobId : jobs) {
                assertThat(views.phase(jobId)).as("phase of job %s", jobId).isEqualTo("DOWNLOAD_QUEUED");
            }
        });
        // Backoff from 100 ms doubling to 5 s: about 7 tries in 8 s, up to 10 with jitter; a hot loop makes thousands.
        assertThat(metrics.viewFailures() - failuresBefore).isBetween(1.0, 15.0);
        assertThat(metrics.redelivered()).isEqualTo(redeliveredBefore);
    }
}
