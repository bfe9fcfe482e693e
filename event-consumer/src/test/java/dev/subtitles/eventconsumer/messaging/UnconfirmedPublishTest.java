package dev.subtitles.eventconsumer.messaging;

import static dev.subtitles.common.event.EventType.DOWNLOAD_REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.testing.TcpProxy;
import dev.subtitles.eventconsumer.testing.ConsumerTest;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.OutgoingBrokerProxyResource;
import dev.subtitles.eventconsumer.testing.OutgoingBrokerProxyResource.InjectOutgoingBrokerProxy;
import dev.subtitles.eventconsumer.testing.TestBroker.DeadLetter;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The application's publishing connection goes through a proxy this test cuts, so a dead-letter copy is never
 * confirmed while the consumer itself stays connected.
 */
@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = OutgoingBrokerProxyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UnconfirmedPublishTest extends ConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @InjectOutgoingBrokerProxy
    TcpProxy outgoingProxy;
    @Inject
    JobViews views;

    @Test
    void anUnconfirmedDeadLetterCopyNeitherHoldsUpConsumptionNorLosesTheMessage() {
        byte[] garbage = ("not an event " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        JobEvent<EventPayload> next = TestEvents.event(UUID.randomUUID(), DOWNLOAD_REQUESTED);

        outgoingProxy.cut();
        try {
            broker.publishRaw("subtitle.ready", garbage, "application/cloudevents+json");
            broker.publish(next);

            await().atMost(PATIENCE).until(() -> "DOWNLOAD_QUEUED".equals(views.phase(next.jobId())));
        } finally {
            outgoingProxy.restore();
        }

        DeadLetter copy = awaitDeadLetterWithBody(garbage);
        assertThat(copy.reason()).startsWith("body is not JSON");
    }

    private static DeadLetter awaitDeadLetterWithBody(byte[] body) {
        AtomicReference<DeadLetter> found = new AtomicReference<>();
        await().atMost(PATIENCE).until(() -> {
            for (DeadLetter next = broker.nextDeadLetter(); next != null; next = broker.nextDeadLetter()) {
                if (Arrays.equals(next.body(), body)) {
                    found.set(next);
                }
            }
            return found.get() != null;
        });
        return found.get();
    }
}
