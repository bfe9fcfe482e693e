package dev.subtitles.eventconsumer.webhooks;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventDecodingException;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The fan-out: consumes every event from the webhooks queue (its own queue, connection and prefetch, so that it
 * neither waits for nor delays the projection) and queues it in PostgreSQL for each enabled hook of the event's tenant
 * that wants its type ({@link WebhookStore#enqueue}), then acks it. It never waits for a receiver: the attempts run
 * apart ({@link DeliveryRunner}), so a slow or failing receiver cannot hold the queue.
 * <p>
 * A message that is not an event is acked and dropped: the projection queue receives the same message and
 * dead-letters it with the reason. When PostgreSQL fails, queuing is tried again in place with backoff for as long as
 * it takes, the message unacknowledged; an outage pauses webhooks and loses nothing.
 */
@ApplicationScoped
public class WebhookListener {

    /** The incoming channel, configured under {@code mp.messaging.incoming.webhooks.*}. */
    public static final String CHANNEL = "webhooks";

    private static final Logger LOG = Logger.getLogger(WebhookListener.class);
    private static final Duration RETRY_INITIAL_DELAY = Duration.ofMillis(100);
    private static final Duration RETRY_MAX_DELAY = Duration.ofSeconds(5);

    private final Multi<Message<byte[]>> messages;
    private final EventCodec codec;
    private final HookDirectory directory;
    private final WebhookStore store;
    private final DeliveryRunner runner;
    private final WebhookChannel channel;
    private final WebhookMetrics metrics;
    private final WebhookStreamLiveness liveness;
    private final Duration storeTimeout;

    public WebhookListener(@Channel(CHANNEL) Multi<Message<byte[]>> messages, EventCodec codec,
            HookDirectory directory, WebhookStore store, DeliveryRunner runner, WebhookChannel channel,
            WebhookMetrics metrics, @Liveness WebhookStreamLiveness liveness,
            EventConsumerConfig consumerConfig) {
        this.messages = messages;
        this.codec = codec;
        this.directory = directory;
        this.store = store;
        this.runner = runner;
        this.channel = channel;
        this.metrics = metrics;
        this.liveness = liveness;
        this.storeTimeout = consumerConfig.timeout().server();
    }

    void start(@Observes StartupEvent startup) {
        // The broker's prefetch (max-outstanding-messages) bounds the messages in hand.
        messages.onItem().transformToUniAndMerge(this::handle)
                .subscribe().with(ignored -> {
                }, failure -> {
                    LOG.error("The webhooks channel failed; no more events are delivered to webhooks", failure);
                    liveness.failed(failure);
                });
    }

    private Uni<Void> handle(Message<byte[]> message) {
        JobEvent<?> event;
        try {
            event = codec.decode(message.getPayload());
        } catch (EventDecodingException e) {
            LOG.warnf("Dropping a message that is not an event (the projection dead-letters it): %s", e.getMessage());
            return ack(message);
        }
        String type = event.type().routingKey();
        return directory.matching(event.tenant(), type).flatMap(hooks -> hooks.isEmpty() ? ack(message)
                : enqueue(event, type, hooks, message.getPayload()).chain(() -> ack(message)))
                .onFailure().recoverWithItem(failure -> {
                    LOG.error("Unexpected failure while queuing an event for webhooks", failure);
                    return null;
                });
    }

    private Uni<Void> enqueue(JobEvent<?> event, String type, List<HookSubscription> hooks, byte[] body) {
        return store.enqueue(hooks.stream().map(HookSubscription::id).toList(), event.id(), type, body)
                .ifNoItem().after(storeTimeout).fail()
                .onFailure().invoke(failure -> LOG.warnf("Cannot queue event %s for %d webhooks (%s); trying again",
                        event.id(), hooks.size(), failure))
                .onFailure().retry().withBackOff(RETRY_INITIAL_DELAY, RETRY_MAX_DELAY).indefinitely()
                .invoke(queued -> {
                    metrics.queued(queued);
                    runner.wake();
                })
                .replaceWithVoid();
    }

    private Uni<Void> ack(Message<byte[]> message) {
        return channel.settlement().ack(message).replaceWithVoid();
    }
}
