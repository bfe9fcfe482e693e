package dev.subtitles.eventconsumer.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
import dev.subtitles.eventconsumer.projection.RecordedBatch;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;

/**
 * Consumes the projection queue in batches. The connector hands over messages one by one; grouping what arrived while
 * the previous batch was projected (up to {@code event-consumer.batch.max-size}, see {@link MessageBatcher}) lets
 * PostgreSQL and Redis see one round trip per batch, which is what makes thousands of events per second possible.
 * A batch goes through two stages, recording in PostgreSQL and then projecting into Redis and acking, and the stages
 * overlap by one batch: batch N+1 is recorded while batch N is in Redis. Each stage takes the batches one after the
 * other, so the events of a job get their sequence numbers, and reach Redis, in the order they arrived; at most two
 * batches are in hand at once.
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
    /**
     * The Redis stage (projection and acks) of the latest recorded batch; never fails. Written and read only by the
     * one consumer loop, which handles a batch after the one before completed.
     */
    private volatile CompletableFuture<Void> previousView = CompletableFuture.completedFuture(null);

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

    /**
     * Handles one batch; completes when the next batch may start: this batch is recorded in PostgreSQL and the batch
     * before is through Redis. This batch's Redis stage then runs while the next batch is recorded.
     */
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
        Uni<Void> before = Uni.createFrom().completionStage(previousView);
        work.add(events.isEmpty() ? before : recordThenView(decoded, events, before));
        return Uni.join().all(work).andCollectFailures().replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.error("Unexpected failure while settling a batch", failure);
                    return null;
                });
    }

    /**
     * Records the batch, then starts its Redis stage behind the one of the batch before (so Redis sees batches, and
     * each job's events, in the order they were recorded) and becomes {@link #previousView}. Completes when the
     * batch is recorded and the batch before is through Redis. A batch that cannot be recorded is projected one
     * message at a time, after the batch before.
     */
    private Uni<Void> recordThenView(List<Message<byte[]>> messages, List<ReceivedEvent> events, Uni<Void> before) {
        return withRetries(projection.record(events), "Recording", events.size())
                .onItemOrFailure().transformToUni((recorded, failure) -> {
                    if (failure != null) {
                        return before.chain(() -> projectOneByOne(messages, events));
                    }
                    previousView = before.chain(() -> viewThenAck(messages, events, recorded))
                            .subscribeAsCompletionStage();
                    return before;
                });
    }

    private Uni<Void> viewThenAck(List<Message<byte[]>> messages, List<ReceivedEvent> events,
            RecordedBatch recorded) {
        return withRetries(projection.view(recorded), "Projecting", messages.size())
                .chain(() -> ackAll(messages))
                .onFailure().recoverWithUni(failure -> {
                    recorded.failed(failure);
                    return projectOneByOne(messages, events);
                });
    }

    /** {@code stage}, tried again in place with backoff while it fails for a reason that may go away. */
    private <T> Uni<T> withRetries(Uni<T> stage, String what, int size) {
        return stage
                .onFailure().invoke(failure -> LOG.warnf("%s a batch of %d events failed, trying again: %s", what,
                        size, failure.getMessage()))
                .onFailure(TransientFailures::isTransient).retry()
                .withBackOff(config.retry().initialDelay(), config.retry().maxDelay())
                .atMost(Math.max(0, config.retry().attempts() - 1));
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
        CompletableFuture<?>[] acks = new CompletableFuture<?>[messages.size()];
        for (int i = 0; i < acks.length; i++) {
            acks[i] = messages.get(i).ack().toCompletableFuture();
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks));
    }
}
