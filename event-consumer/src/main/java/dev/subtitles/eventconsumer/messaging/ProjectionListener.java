package dev.subtitles.eventconsumer.messaging;

import static dev.subtitles.eventconsumer.projection.ProjectionMetrics.RECORD_STAGE;
import static dev.subtitles.eventconsumer.projection.ProjectionMetrics.VIEW_STAGE;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventDecodingException;
import dev.subtitles.common.worker.DeadLetterPublisher;
import dev.subtitles.common.worker.DeliverySettlement;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import dev.subtitles.eventconsumer.projection.ProjectionMetrics;
import dev.subtitles.eventconsumer.projection.ProjectionService;
import dev.subtitles.eventconsumer.projection.ReceivedEvent;
import dev.subtitles.eventconsumer.projection.RecordedBatch;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;

/**
 * Consumes the projection queue in batches. The connector hands over messages one by one; grouping what arrived while
 * the previous batch was projected (up to {@code event-consumer.batch.max-size}, see {@link MessageBatcher}) lets
 * PostgreSQL and Redis see one round trip per batch, which is what makes thousands of events per second possible.
 * A batch goes through two stages, recording in PostgreSQL and then projecting into Redis and acking, and the stages
 * overlap by one batch: batch N+1 is recorded while batch N is in Redis. Each stage takes the batches one after the
 * other, so the events of a job get their sequence numbers, and reach Redis, in the order they arrived; at most two
 * batches are in hand at once.
 * <p>
 * Failures, none of which puts a message back in the queue at once (no hot loop):
 * <ul>
 * <li>an undecodable message goes to the dead-letter queue with its reason ({@link DeadLetterPublisher});
 * <li>an event PostgreSQL refuses for what it holds is isolated from its batch (the others are recorded), its job is
 * failed and it is dead-lettered with the reason ({@link UnstorableEvents});
 * <li>a stage that fails transiently (PostgreSQL or Redis away or not answering within
 * {@code event-consumer.timeout.server}, see {@link TransientFailures}) is tried again in place with backoff up to
 * {@code event-consumer.retry.max-delay}, for as long as it takes, its messages unacknowledged: an outage pauses
 * consumption and loses nothing;
 * <li>a stage that fails for an unexpected reason is tried in place {@code event-consumer.retry.attempts} times,
 * then each message alone; one that still fails goes back to the queue after {@code event-consumer.retry.max-delay}
 * (the queue's delivery limit dead-letters a message that never succeeds);
 * <li>a publish the broker does not confirm within {@code event-consumer.timeout.broker} counts as failed: its
 * message goes back to the queue after {@code event-consumer.retry.max-delay}.
 * </ul>
 * Messages are acked only once projected, or once their dead-letter copy is confirmed, and always on the channel
 * that delivered them ({@link DeliverySettlement}).
 */
@ApplicationScoped
public class ProjectionListener {

    private static final Logger LOG = Logger.getLogger(ProjectionListener.class);

    private final Multi<Message<byte[]>> messages;
    private final EventCodec codec;
    private final ProjectionService projection;
    private final DeliverySettlement settlement;
    private final DeadLetterPublisher deadLetters;
    private final UnstorableEvents unstorable;
    private final ProjectionMetrics metrics;
    private final EventConsumerConfig config;
    private final ProjectionStreamLiveness liveness;
    /**
     * The Redis stage (projection and acks) of the latest recorded batch; never fails. Written and read only by the
     * one consumer loop, which handles a batch after the one before completed.
     */
    private volatile CompletableFuture<Void> previousView = CompletableFuture.completedFuture(null);

    public ProjectionListener(@Channel(Channels.PROJECTION) Multi<Message<byte[]>> messages, EventCodec codec,
            ProjectionService projection, DeliverySettlement settlement, DeadLetterPublisher deadLetters,
            UnstorableEvents unstorable,
            ProjectionMetrics metrics, EventConsumerConfig config, @Liveness ProjectionStreamLiveness liveness) {
        this.messages = messages;
        this.codec = codec;
        this.projection = projection;
        this.settlement = settlement;
        this.deadLetters = deadLetters;
        this.unstorable = unstorable;
        this.metrics = metrics;
        this.config = config;
        this.liveness = liveness;
    }

    void start(@Observes StartupEvent startup) {
        MessageBatcher<Message<byte[]>> batcher = new MessageBatcher<>(config.batch().maxSize());
        // Unbounded demand: the broker's prefetch (max-outstanding-messages, see DeliveryProducers) bounds what is in
        // hand.
        messages.subscribe().with(message -> {
            if (message.getMetadata(IncomingRabbitMQMetadata.class).map(IncomingRabbitMQMetadata::isRedeliver)
                    .orElse(false)) {
                metrics.redelivered();
            }
            batcher.add(message);
        }, failure -> {
            LOG.error("The projection channel failed; no more events are consumed", failure);
            liveness.failed("the projection channel", failure);
        });
        Multi.createBy().repeating().uni(batcher::next).indefinitely()
                .onItem().transformToUniAndConcatenate(this::handle)
                .subscribe().with(
                        ignored -> {
                        },
                        failure -> {
                            LOG.error("The projection stream stopped; no more events are consumed", failure);
                            liveness.failed("the batch loop", failure);
                        });
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
        return withRetries(projection.record(events), RECORD_STAGE, events.size(), config.retry().attempts())
                .onItemOrFailure().transformToUni((recorded, failure) -> {
                    if (failure != null) {
                        return before.chain(() -> projectOneByOne(messages, events));
                    }
                    previousView = before.chain(() -> viewThenSettle(messages, events, recorded))
                            .subscribeAsCompletionStage();
                    return before;
                });
    }

    /**
     * The Redis stage of a recorded batch: projects and acks the stored events, then settles those PostgreSQL
     * refused (job failed, copy in the DLQ, ack).
     */
    private Uni<Void> viewThenSettle(List<Message<byte[]>> messages, List<ReceivedEvent> events,
            RecordedBatch recorded) {
        List<Message<byte[]>> stored = new ArrayList<>(messages.size());
        List<ReceivedEvent> storedEvents = new ArrayList<>(messages.size());
        List<Uni<Void>> refused = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Message<byte[]> message = messages.get(i);
            ReceivedEvent event = events.get(i);
            recorded.rejection(event.event().id()).ifPresentOrElse(
                    rejection -> refused.add(settleUnstorable(message, event, rejection)),
                    () -> {
                        stored.add(message);
                        storedEvents.add(event);
                    });
        }
        Uni<Void> view = stored.isEmpty() ? Uni.createFrom().voidItem()
                : withRetries(projection.view(recorded), VIEW_STAGE, stored.size(), config.retry().attempts())
                        .chain(() -> ackAll(stored))
                        .onFailure().recoverWithUni(failure -> {
                            recorded.failed(failure);
                            return projectOneByOne(stored, storedEvents);
                        });
        return view.chain(() -> inOrder(refused));
    }

    /**
     * {@code stage}, tried again in place with backoff: for as long as it fails transiently, and at most
     * {@code attempts} times in all when it fails otherwise. An event PostgreSQL refuses does not fail the record
     * stage (see {@link ProjectionService#record}). Every try is bounded by {@code event-consumer.timeout.server}.
     */
    private <T> Uni<T> withRetries(Uni<T> stage, String what, int size, int attempts) {
        Duration timeout = config.timeout().server();
        Uni<T> transientRetried = stage
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException("no answer within " + timeout))
                .onFailure().invoke(failure -> {
                    metrics.stageFailed(what);
                    LOG.warnf("The %s stage of %d events failed (%s: %s)", what, size,
                            failure.getClass().getSimpleName(), failure.getMessage());
                })
                .onFailure(TransientFailures::isTransient).retry()
                .withBackOff(config.retry().initialDelay(), config.retry().maxDelay()).indefinitely();
        return attempts <= 1 ? transientRetried
                : transientRetried.onFailure().retry()
                        .withBackOff(config.retry().initialDelay(), config.retry().maxDelay()).atMost(attempts - 1);
    }

    private Uni<Void> deadLetter(Message<byte[]> message, String reason) {
        metrics.decodeFailure();
        LOG.warnf("Dead-lettering a message that is not an event: %s", reason);
        return deadLetters.copy(message, reason)
                .chain(() -> ack(message))
                .onFailure().recoverWithUni(failure -> requeueLater(message, failure));
    }

    private Uni<Void> settleUnstorable(Message<byte[]> message, ReceivedEvent event, Throwable rejection) {
        return unstorable.settle(message, event, rejection)
                .chain(() -> ack(message))
                .onFailure().recoverWithUni(failure -> requeueLater(message, failure));
    }

    /**
     * The last resort for a batch: each message is tried alone (transient failures still retried in place), and the
     * ones that fail go back to the queue after a pause.
     */
    private Uni<Void> projectOneByOne(List<Message<byte[]>> messages, List<ReceivedEvent> events) {
        List<Uni<Void>> singles = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Message<byte[]> message = messages.get(i);
            ReceivedEvent event = events.get(i);
            singles.add(withRetries(projection.record(List.of(event)), RECORD_STAGE, 1, 1)
                    .chain(recorded -> recorded.rejection(event.event().id())
                            .map(rejection -> settleUnstorable(message, event, rejection))
                            .orElseGet(() -> withRetries(projection.view(recorded), VIEW_STAGE, 1, 1)
                                    .onFailure().invoke(recorded::failed)
                                    .chain(() -> ack(message))))
                    .onFailure().recoverWithUni(failure -> requeueLater(message, failure)));
        }
        return inOrder(singles);
    }

    /**
     * Returns {@code message} to the queue after {@code event-consumer.retry.max-delay}, without waiting for it: the
     * message stays unacknowledged meanwhile, and going back at once would make a hot loop of a lasting failure.
     */
    private Uni<Void> requeueLater(Message<byte[]> message, Throwable failure) {
        Duration delay = config.retry().maxDelay();
        LOG.warnf("Returning a message to the queue in %s: %s", delay, failure.getMessage());
        Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                .chain(() -> settlement.requeue(message))
                .subscribe().with(ignored -> {
                });
        return Uni.createFrom().voidItem();
    }

    /** Acks {@code message}; see {@link #ackAll}. */
    private Uni<Void> ack(Message<byte[]> message) {
        return ackAll(List.of(message));
    }

    /**
     * Acks the messages on the channel that delivered them, waiting at most {@code event-consumer.timeout.broker}.
     * One whose channel is gone, or that the broker does not take in time, is redelivered by the broker once the
     * channel is closed, and projecting it again changes nothing.
     */
    private Uni<Void> ackAll(List<Message<byte[]>> messages) {
        return settlement.ackAll(messages).replaceWithVoid();
    }

    private static Uni<Void> inOrder(List<Uni<Void>> steps) {
        if (steps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(step -> step)
                .collect().last().replaceWithVoid();
    }
}
