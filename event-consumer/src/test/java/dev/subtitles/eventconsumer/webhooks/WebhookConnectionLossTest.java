package dev.subtitles.eventconsumer.webhooks;

import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventSamples;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.testing.TcpProxy;
import dev.subtitles.eventconsumer.testing.ConsumerTest;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import dev.subtitles.eventconsumer.testing.WebhooksBrokerProxyResource;
import dev.subtitles.eventconsumer.testing.WebhooksBrokerProxyResource.InjectWebhooksBrokerProxy;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The webhooks consumer's connection to the broker goes through a proxy this test cuts while events keep coming: the
 * projection, on its own connection, goes on meanwhile, and once the connection is back every event reaches the hook
 * exactly once.
 */
@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = WebhooksBrokerProxyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhookConnectionLossTest extends ConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int EVENTS = 20;

    @InjectWebhooksBrokerProxy
    TcpProxy webhooksProxy;
    @Inject
    HookDirectory directory;
    @Inject
    JobViews views;

    private final TestHooks hooks = new TestHooks();
    private final String tenant = "hooks-" + UUID.randomUUID().toString().substring(0, 8);
    private Receiver receiver;

    @AfterEach
    void cleanUp() {
        hooks.close();
        receiver.close();
    }

    @Test
    void eventsPublishedWhileTheConnectionIsCutReachTheHookOnceAndTheProjectionGoesOn() throws Exception {
        receiver = Receiver.healthy();
        UUID hook = hooks.register(tenant, receiver.url(), "whsec_connection-loss", SUBTITLE_READY.routingKey());
        await().atMost(PATIENCE).until(() -> directory.knows(hook));
        List<JobEvent<?>> published = new ArrayList<>(publish());
        await().atMost(PATIENCE).until(() -> distinctIds() == EVENTS);

        webhooksProxy.cut();
        try {
            List<JobEvent<?>> whileCut = publish();
            published.addAll(whileCut);
            await().atMost(PATIENCE)
                    .until(() -> whileCut.stream().allMatch(event -> views.history(event.jobId()).size() == 1));
        } finally {
            webhooksProxy.restore();
        }
        published.addAll(publish());

        await().atMost(PATIENCE).until(() -> distinctIds() == published.size());
        await().during(Duration.ofSeconds(1)).atMost(PATIENCE)
                .until(() -> receiver.requests().size() == published.size());
        assertThat(receiver.requests()).extracting(Receiver.Request::webhookId)
                .containsExactlyInAnyOrderElementsOf(published.stream().map(event -> event.id().toString()).toList());
    }

    private List<JobEvent<?>> publish() {
        List<JobEvent<?>> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(new JobEvent<>(UUID.randomUUID(), SUBTITLE_READY, TestEvents.SOURCE, UUID.randomUUID(), tenant,
                    Instant.now(), EventSamples.TRACEPARENT, EventSamples.payload(SUBTITLE_READY)));
        }
        broker.publish(events.toArray(JobEvent<?>[]::new));
        return events;
    }

    private long distinctIds() {
        return receiver.requests().stream().map(Receiver.Request::webhookId).distinct().count();
    }
}
