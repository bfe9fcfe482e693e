package dev.subtitles.translator.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventDecodingException;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.worker.DeadLetterPublisher;
import dev.subtitles.common.worker.RetryScheduler;
import dev.subtitles.translator.job.TranslateRequestHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;

/**
 * Takes translation requests off the work queue: decodes them, hands them to {@link TranslateRequestHandler} and
 * acks once their outcome is published. A message that is not a decodable {@code subtitle.translate.requested}
 * goes to the DLQ with the reason, and so does a request whose outcome cannot be published, never acked early
 * ({@link DeadLetterPublisher}: when even that copy cannot be published, the message is returned to the queue after
 * {@code retry.initial-delay}).
 */
@ApplicationScoped
public class TranslateRequestListener {

    private static final Logger LOG = Logger.getLogger(TranslateRequestListener.class);

    private final EventCodec codec;
    private final TranslateRequestHandler handler;
    private final DeadLetterPublisher deadLetters;

    private final MeterRegistry metrics;

    public TranslateRequestListener(EventCodec codec, TranslateRequestHandler handler,
            DeadLetterPublisher deadLetters, MeterRegistry metrics) {
        this.metrics = metrics;
        this.codec = codec;
        this.handler = handler;
        this.deadLetters = deadLetters;
    }

    @Incoming(Channels.REQUESTS)
    public Uni<Void> onMessage(Message<byte[]> message) {
        JobEvent<?> event;
        try {
            event = codec.decode(message.getPayload());
        } catch (EventDecodingException e) {
            return deadLetter(message, "undecodable event: " + e.getMessage());
        }
        if (event.type() != EventType.TRANSLATE_REQUESTED) {
            return deadLetter(message, "expected " + EventType.TRANSLATE_REQUESTED.routingKey() + ", got "
                    + event.type().routingKey());
        }
        return handler.handle(event.as(TranslateRequested.class), attemptOf(message))
                .onItemOrFailure().transformToUni((done, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    LOG.errorf(failure, "could not publish the outcome of request %s for job %s", event.id(),
                            event.jobId());
                    return deadLetter(message, "job " + event.jobId() + ": could not publish the outcome of request "
                            + event.id() + ": " + failure.getMessage());
                });
    }

    private Uni<Void> deadLetter(Message<byte[]> message, String reason) {
        return deadLetters.deadLetter(message, reason)
                .invoke(deadLettered -> {
                    if (deadLettered) {
                        metrics.counter("translator.dead.letters").increment();
                    }
                })
                .replaceWithVoid();
    }

    private static int attemptOf(Message<byte[]> message) {
        return message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(metadata -> metadata.getHeaders().get(RetryScheduler.ATTEMPT_HEADER))
                .filter(Number.class::isInstance).map(value -> ((Number) value).intValue())
                .filter(attempt -> attempt >= 1)
                .orElse(1);
    }
}
