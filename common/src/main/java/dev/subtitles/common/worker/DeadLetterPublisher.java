package dev.subtitles.common.worker;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import dev.subtitles.common.messaging.Topology;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.RabbitMQRejectMetadata;

/**
 * Moves a message a worker cannot handle to its DLQ with the reason in {@code x-dead-letter-reason}.
 * <p>
 * A plain reject dead-letters too, but AMQP cannot add a header to a rejected message; so a copy goes straight to
 * the DLQ through the default exchange, confirmed, and only then is the original acked. When even the copy cannot be
 * published (the broker refusing publishes), the original goes back to its queue after a delay: not at once, which
 * would spin while the broker is unwell, and never rejected without a reason.
 */
public class DeadLetterPublisher {

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);
    private static final int PERSISTENT = 2;

    private final MutinyEmitter<byte[]> emitter;
    private final String deadLetterQueue;
    private final Duration requeueDelay;

    /**
     * @param emitter a channel to the default exchange with publisher confirms on
     * @param workQueue the work queue whose DLQ ({@link Topology#DEAD_LETTER_QUEUE_SUFFIX}) receives the copies
     * @param requeueDelay how long a message whose copy could not be published waits before it goes back to its queue
     */
    public DeadLetterPublisher(MutinyEmitter<byte[]> emitter, String workQueue, Duration requeueDelay) {
        this.emitter = emitter;
        this.deadLetterQueue = workQueue + Topology.DEAD_LETTER_QUEUE_SUFFIX;
        this.requeueDelay = requeueDelay;
    }

    /**
     * Dead-letters {@code message} with {@code reason} and acks it, or, if the copy cannot be published, returns it to
     * its queue after the requeue delay. The item says which: {@code true} once the copy is in the DLQ.
     */
    public Uni<Boolean> deadLetter(Message<byte[]> message, String reason) {
        LOG.warnf("Dead-lettering a message: %s", reason);
        Optional<IncomingRabbitMQMetadata> incoming = message.getMetadata(IncomingRabbitMQMetadata.class);
        Map<String, Object> headers = incoming.map(IncomingRabbitMQMetadata::getHeaders).orElse(Map.of());
        String contentType = incoming.flatMap(IncomingRabbitMQMetadata::getContentType).orElse(null);
        return deadLetter(message.getPayload(), headers, contentType, reason)
                .onItemOrFailure().transformToUni((published, failure) -> failure == null
                        ? Uni.createFrom().completionStage(message.ack()).replaceWith(true)
                        : requeueLater(message, failure).replaceWith(false));
    }

    /** Publishes {@code body} with its original headers plus the reason to the DLQ; the item is the confirm. */
    private Uni<Void> deadLetter(byte[] body, Map<String, Object> headers, String contentType, String reason) {
        Map<String, Object> copy = new HashMap<>(headers);
        copy.put(Topology.DEAD_LETTER_REASON_HEADER, reason);
        OutgoingRabbitMQMetadata.Builder metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(deadLetterQueue)
                .withHeaders(copy)
                .withDeliveryMode(PERSISTENT);
        if (contentType != null) {
            metadata.withContentType(contentType);
        }
        return emitter.sendMessage(Message.of(body).addMetadata(metadata.build()));
    }

    private Uni<Void> requeueLater(Message<byte[]> message, Throwable failure) {
        LOG.errorf("Could not publish a dead-letter copy either (%s); returning the message to the queue in %s",
                failure.getMessage(), requeueDelay);
        return Uni.createFrom().voidItem().onItem().delayIt().by(requeueDelay)
                .chain(() -> Uni.createFrom().completionStage(
                        message.nack(failure, Metadata.of(new RabbitMQRejectMetadata(true)))));
    }
}
