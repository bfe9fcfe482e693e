package dev.subtitles.common.worker;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;

import dev.subtitles.common.messaging.Topology;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Moves a message a worker cannot handle to its DLQ with the reason in {@code x-dead-letter-reason}.
 * <p>
 * A plain reject dead-letters too, but AMQP cannot add a header to a rejected message; so a copy goes straight to
 * the DLQ through the default exchange, confirmed, and only then is the original acked.
 */
public class DeadLetterPublisher {

    private static final int PERSISTENT = 2;

    private final MutinyEmitter<byte[]> emitter;
    private final String deadLetterQueue;

    /**
     * @param emitter a channel to the default exchange with publisher confirms on
     * @param workQueue the work queue whose DLQ ({@link Topology#DEAD_LETTER_QUEUE_SUFFIX}) receives the copies
     */
    public DeadLetterPublisher(MutinyEmitter<byte[]> emitter, String workQueue) {
        this.emitter = emitter;
        this.deadLetterQueue = workQueue + Topology.DEAD_LETTER_QUEUE_SUFFIX;
    }

    /** Publishes {@code body} with its original headers plus the reason to the DLQ; the item is the confirm. */
    public Uni<Void> deadLetter(byte[] body, Map<String, Object> headers, String contentType, String reason) {
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
}
