package dev.subtitles.eventconsumer.messaging;

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
import dev.subtitles.eventconsumer.testing.EventLog;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.PostgresProxyResource;
import dev.subtitles.eventconsumer.testing.PostgresProxyResource.InjectPostgresProxy;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The application reaches PostgreSQL through a proxy this test cuts for several seconds while events keep coming: the
 * batch in hand waits with backoff, nothing goes back to the queue, and everything is projected once the link returns.
 */
@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresProxyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PostgresOutageTest extends ConsumerTest {

    private static final EventType[] LIFECYCLE = { DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, SUBTITLE_READY };
    private static final Duration OUTAGE = Duration.ofSeconds(8);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectPostgresProxy
    TcpProxy postgresProxy;
    @Inject
    JobViews views;
    @Inject
    EventLog eventLog;
    @Inject
    ConsumerMetrics metrics;

    @Test
    void everyEventIsProjectedOnceThePostgresLinkReturns() throws InterruptedException {
        List<UUID> jobs = TestEvents.jobIds(20);
        broker.publishForEach(jobs, LIFECYCLE[0]);

        outage(() -> {
            broker.publishForEach(jobs, LIFECYCLE[1]);
            broker.publishForEach(jobs, LIFECYCLE[2]);
        });

        await().atMost(PATIENCE).untilAsserted(() -> {
            for (UUID jobId : jobs) {
                assertThat(views.phase(jobId)).as("phase of job %s", jobId).isEqualTo("DONE");
                assertThat(views.history(jobId)).as("history of job %s", jobId).hasSize(LIFECYCLE.length);
            }
        });
        for (UUID jobId : jobs) {
            assertThat(eventLog.types(jobId)).as("event log of job %s", jobId)
                    .containsExactly("subtitle.download.requested", "subtitle.download.started", "subtitle.ready");
        }
    }

    @Test
    void aPostgresOutageIsWaitedOutWithBackoffAndNoMessageGoesBackToTheQueue() throws InterruptedException {
        List<UUID> jobs = TestEvents.jobIds(5);
        double redeliveredBefore = metrics.redelivered();
        double failuresBefore = metrics.recordFailures();

        outage(() -> broker.publishForEach(jobs, LIFECYCLE[0]));

        await().atMost(PATIENCE).untilAsserted(() -> {
            for (UUID jobId : jobs) {
                assertThat(views.phase(jobId)).as("phase of job %s", jobId).isEqualTo("DOWNLOAD_QUEUED");
            }
        });
        // Backoff from 100 ms doubling to 5 s: about 7 tries in 8 s, up to 10 with jitter; a hot loop makes thousands.
        assertThat(metrics.recordFailures() - failuresBefore).isBetween(1.0, 15.0);
        assertThat(metrics.redelivered()).isEqualTo(redeliveredBefore);
    }

    /** Cuts the link, runs {@code during} once the consumer has felt the cut, keeps it cut for {@link #OUTAGE}. */
    private void outage(Runnable during) throws InterruptedException {
        double failures = metrics.recordFailures();
        postgresProxy.cut();
        try {
            during.run();
            await().atMost(PATIENCE).until(() -> metrics.recordFailures() > failures);
            Thread.sleep(OUTAGE.toMillis());
        } finally {
            postgresProxy.restore();
        }
    }
}
