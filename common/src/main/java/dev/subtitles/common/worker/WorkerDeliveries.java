package dev.subtitles.common.worker;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventDecodingException;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.logging.JobMdc;
import dev.subtitles.common.tracing.ConsumerTracing;
import dev.subtitles.common.tracing.Spans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;

/**
 * The one shape of a worker's delivery, shared by the downloader and the translator: decode once; a message that is
 * not a decodable request of the handler's type ({@link RequestHandler#requestType()}) is copied to the DLQ with the
 * reason and acked; a request runs under the {@link ProgressWatchdog}; it is acked only once its handler completed,
 * that is once every output it published was confirmed by the broker. A handler that fails (an output refused or not
 * confirmed in time, a dependency away) or a delivery the watchdog failed goes back to the queue after
 * {@code requeueDelay}: it runs again, publishing the same event ids ({@link EventIds}). Never is a delivery rejected
 * without a reason or acked without its outputs.
 * <p>
 * Once decoded, the delivery's log lines carry its job id ({@link JobMdc}), on the delivery's own Vert.x context.
 */
public class WorkerDeliveries {

    private static final Logger LOG = Logger.getLogger(WorkerDeliveries.class);

    private final EventCodec codec;
    private final DeliverySettlement settlement;
    private final DeadLetterPublisher deadLetters;
    private final ProgressWatchdog watchdog;
    private final ConsumerTracing tracing;
    private final Duration requeueDelay;
    private final Runnable onDeadLettered;

    /**
     * @param requeueDelay how long a failed delivery waits before it goes back to its queue (no hot loop)
     * @param onDeadLettered called for each message copied to the DLQ (a metric)
     */
    public WorkerDeliveries(EventCodec codec, DeliverySettlement settlement, DeadLetterPublisher deadLetters,
            ProgressWatchdog watchdog, ConsumerTracing tracing, Duration requeueDelay, Runnable onDeadLettered) {
        this.tracing = tracing;
        this.codec = codec;
        this.settlement = settlement;
        this.deadLetters = deadLetters;
        this.watchdog = watchdog;
        this.requeueDelay = requeueDelay;
        this.onDeadLettered = onDeadLettered;
    }

    /** Handles one delivery with {@code handler}; the item arrives once it is settled. */
    public <P extends EventPayload> Uni<Void> handle(Message<byte[]> message, RequestHandler<P> handler) {
        Map<String, Object> headers = message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(IncomingRabbitMQMetadata::getHeaders).orElse(Map.of());
        return watchdog.watch(Uni.createFrom().deferred(() -> run(message, handler, headers)))
                .onItemOrFailure().transformToUni((ignored, failure) -> {
                    if (failure == null) {
                        return settlement.ack(message).replaceWithVoid();
                    }
                    LOG.warnf("A delivery goes back to the queue in %s: %s", requeueDelay, describe(failure));
                    return Uni.createFrom().voidItem().onItem().delayIt().by(requeueDelay)
                            .chain(() -> settlement.requeue(message)).replaceWithVoid();
                });
    }

    private <P extends EventPayload> Uni<Void> run(Message<byte[]> message, RequestHandler<P> handler,
            Map<String, Object> headers) {
        JobEvent<?> event;
        try {
            event = codec.decode(message.getPayload());
        } catch (EventDecodingException e) {
            return deadLetter(message, "undecodable event: " + e.getMessage());
        }
        JobMdc.put(event.jobId());
        EventType expected = EventType.forPayload(handler.requestType());
        if (event.type() != expected) {
            return deadLetter(message, "expected " + expected.routingKey() + ", got " + event.type().routingKey());
        }
        Span span = tracing.start("handle " + expected.routingKey(), event, headers);
        // Current while the handler builds its work, so the spans it makes on the way are this one's children.
        Uni<Void> handled;
        Scope current = span.makeCurrent();
        try {
            handled = handler.handle(ConsumerTracing.continued(event.as(handler.requestType()), span),
                    attemptOf(headers), headers);
        } finally {
            current.close();
        }
        return handled.onTermination().invoke((ignored, failure, cancelled) -> Spans.end(span, failure));
    }

    private Uni<Void> deadLetter(Message<byte[]> message, String reason) {
        return deadLetters.copy(message, reason).invoke(onDeadLettered::run);
    }

    private static int attemptOf(Map<String, Object> headers) {
        Object value = headers.get(RetryScheduler.ATTEMPT_HEADER);
        return value instanceof Number number && number.intValue() >= 1 ? number.intValue() : 1;
    }

    private static String describe(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }
}
