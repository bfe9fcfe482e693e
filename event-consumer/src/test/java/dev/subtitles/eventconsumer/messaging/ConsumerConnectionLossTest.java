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

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.testing.TcpProxy;
import dev.subtitles.eventconsumer.testing.ConsumerTest;
import dev.subtitles.eventconsumer.testing.IncomingBrokerProxyResource;
import dev.subtitles.eventconsumer.testing.IncomingBrokerProxyResource.InjectIncomingBrokerProxy;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The consumer's connection to the broker goes through a proxy this test cuts while events keep coming: the
 * deliveries in hand are redelivered, and consumption resumes on the new connection.
 */
@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = IncomingBrokerProxyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConsumerConnectionLossTest extends ConsumerTest {

    private static final EventType[] LIFECYCLE = { DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, SUBTITLE_READY };
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @InjectIncomingBrokerProxy
    TcpProxy consumerProxy;
    @Inject
    JobViews views;
    @Inject
    @Liveness
    ProjectionStreamLiveness liveness;

    @Test
    void consumptionResumesAfterTheConsumersConnectionIsCut() throws InterruptedException {
        List<UUID> jobs = TestEvents.jobIds(50);
        broker.publishForEach(jobs, LIFECYCLE[0]);
        consumerProxy.cut();
        try {
            broker.publishForEach(jobs, LIFECYCLE[1]);
            Thread.sleep(3_000);
        } finally {
            consumerProxy.restore();
        }
        broker.publishForEach(jobs, LIFECYCLE[2]);

        await().atMost(PATIENCE).untilAsserted(() -> {
            for (UUID jobId : jobs) {
                assertThat(views.phase(jobId)).as("phase of job %s", jobId).isEqualTo("DONE");
                assertThat(views.history(jobId)).as("history of job %s", jobId).hasSize(LIFECYCLE.length);
            }
        });
    }

    /**
     * The connection is cut while the consumer has a full prefetch window in hand and comes back to a backlog of
     * thousands: the deliveries in hand are settled on the channel that delivered them (never acked under the same
     * number on the new channel, which would ack events never projected), and the burst the new channel delivers at
     * once does not overflow the connector's stream.
     */
    @Test
    void aBacklogAndDeliveriesInHandSurviveAReconnect() throws InterruptedException {
        List<UUID> jobs = TestEvents.jobIds(1_500);
        broker.publishForEach(jobs, LIFECYCLE[0]);
        broker.publishForEach(jobs, LIFECYCLE[1]);
        consumerProxy.cut();
        try {
            broker.publishForEach(jobs, LIFECYCLE[2]);
            Thread.sleep(2_000);
        } finally {
            consumerProxy.restore();
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            for (UUID jobId : jobs) {
                assertThat(views.phase(jobId)).as("phase of job %s", jobId).isEqualTo("DONE");
                assertThat(views.history(jobId)).as("history of job %s", jobId).hasSize(LIFECYCLE.length);
            }
        });
        assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }
}
