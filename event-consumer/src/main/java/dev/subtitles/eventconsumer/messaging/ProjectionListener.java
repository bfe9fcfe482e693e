package dev.subtitles.eventconsumer.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventDecodingException;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import dev.subtitles.eventconsumer.projection.ProjectionMetrics;
import dev.subtitles.eventconsumer.projection.ProjectionService;
import dev.subtitles.eventconsumer.projection.ReceivedEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;

/**
 * Consumes the projection queue in batches. The connector hands over messages one by one; grouping what arrived while
 * the previous batch was projected (up to {@code event-consumer.batch.max-size}, see {@link MessageBatcher}) lets
 * PostgreSQL and Redis see one round trip per batch, which is what makes thousands of events per second possible.
 * Batches are projected one after the other, so the events of a job are projected in the order they arrived.
 * <p>
 * Failures: an undecodable message goes to the dead-letter queue with its reason; a batch that fails transiently
 * (PostgreSQL or Redis down) is tried again in place with backoff, its messages unacknowledged, so a short outage
 * pauses consumption and loses nothing. If it still fails, or fails for a reason retrying cannot fix, each message is
 * tried alone and the ones that fail go back to the queue (the queue's delivery limit dead-letters a message that
 * never succeeds). Messages are acked only once projected.
 */
@ApplicationScoped
public class ProjectionListener {

    private static final Logger LOG = Logger.getLogger(ProjectionListener.class);

    private final Multi<Message<byte[]>> messages;
    private final EventCodec codec;
    private final ProjectionService projection;
    private final DeadLetterPublisher deadLetters;
    private final ProjectionMetrics metrics;
    private final EventConsumerConfig config;

    public ProjectionListener(@Channel(Channels.PROJECTION) Multi<Message<byte[]>> messages, EventCodec codec,
            ProjectionService projection, DeadLetterPublisher deadLetters, ProjectionMetrics metrics,
            EventConsumerConfig config) {
        this.messages = messages;
        this.codec = codec;
        this.projection = projection;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        MessageBatcher<Message<byte[]>> batcher = new MessageBatcher<>(config.batch().maxSize());
        // Unbounded demand: the broker's prefetch (max-outstanding-messages) bounds what is in hand.
        messages.subscribe().with(batcher::add,
                failure -> LOG.error("The projection channel failed; no more events are consumed", failure));
        Multi.createBy().repeating().uni(batcher::next).indefinitely()
                .onItem().transformToUniAndConcatenate(this::handle)
                .subscribe().with(
                        ignored -> {
                        },
                        failure -> LOG.error("The projection stream stopped; no more events are consumed", failure));
    }

    private Uni<Void> handle(List<Message<byte[]>> batch) {
        LOG.debugf("Handling a batch of %d messages", batch.size());
        List<Message<byte[]>> decoded = new ArrayList<>(batch.size());
        List<ReceivedEvent> events = new ArrayList<>(batch.size());
        List<Uni<Void>> work = new ArrayList<>();
        for (Message<byte[]> message : batch) {
            byte[] body = message.getPayload();
            try {
                events.add(new ReceivedEvent(codec.decode(body), new String(body, StandardCharsets.UTF_8)));
                decoded.add(message);
            } catch (EventDecodingException e) {
                work.add(deadLetter(message, e.getMessage()));
            }
        }
        if (!events.isEmpty()) {
            work.add(projectWithRetries(decoded, events));
        }
        return Uni.join().all(work).andCollectFailures().replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.error("Unexpected failure while settling a batch", failure);
                    return null;
                });
    }

    private Uni<Void> deadLetter(Message<byte[]> message, String reason) {
        metrics.decodeFailure();
        LOG.warnf("Dead-lettering a message that is not an event: %s", reason);
        return deadLetters.publish(message, reason)
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Could not publish the dead-letter copy (%s); rejecting the message to the DLQ "
                            + "without a reason header", failure.getMessage());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }

    private Uni<Void> projectWithRetries(List<Message<byte[]>> messages, List<ReceivedEvent> events) {
        return projection.project(events)
                .onFailure().invoke(failure -> LOG.warnf("Projecting a batch of %d events failed, trying again: %s",
                        events.size(), failure.getMessage()))
                .onFailure(TransientFailures::isTransient).retry()
                .withBackOff(config.retry().initialDelay(), config.retry().maxDelay())
                .atMost(Math.max(0, config.retry().attempts() - 1))
                .chain(() -> ackAll(messages))
                .onFailure().recoverWithUni(failure -> projectOneByOne(messages, events));
    }

    /** The last resort for a batch: what can be projected alone is, the rest goes back to the queue. */
    private Uni<Void> projectOneByOne(List<Message<byte[]>> messages, List<ReceivedEvent> events) {
        List<Uni<Void>> singles = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Message<byte[]> message = messages.get(i);
            ReceivedEvent event = events.get(i);
            singles.add(projection.project(List.of(event))
                    .chain(() -> Uni.createFrom().completionStage(message.ack()))
                    .onFailure().recoverWithUni(failure -> {
                        LOG.warnf("Returning event %s of job %s to the queue: %s", event.event().id(),
                                event.event().jobId(), failure.getMessage());
                        return Uni.createFrom().completionStage(
                                message.nack(failure, Metadata.of(new RabbitMQRejectMetadata(true))));
                    }));
        }
        return Multi.createFrom().iterable(singles).onItem().transformToUniAndConcatenate(single -> single)
                .collect().last().replaceWithVoid();
    }

    private static Uni<Void> ackAll(List<Message<byte[]>> messages) {
        List<Uni<Void>> acks = messages.stream()
                .map(message -> Uni.createFrom().completionStage(message.ack()))
                .toList();
        return Uni.join().all(acks).andFailFast().replaceWithVoid();
    }
}
