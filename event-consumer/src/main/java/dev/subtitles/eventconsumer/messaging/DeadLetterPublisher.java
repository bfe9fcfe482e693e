package dev.subtitles.eventconsumer.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import dev.subtitles.common.messaging.Topology;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Sends a copy of a message that is not an event to the projection's dead-letter queue, with the reason in the
 * {@code x-dead-letter-reason} header. A broker dead-lettering (a reject) cannot add a header, hence the copy; the
 * caller acks the original once the copy is confirmed.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    /** Persistent, like every message of the pipeline. */
    private static final int PERSISTENT = 2;

    private final MutinyEmitter<byte[]> deadLetters;

    public DeadLetterPublisher(@Channel(Channels.DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Publishes the copy; completes when the broker confirmed it. */
    Uni<Void> publish(Message<byte[]> original, String reason) {
        OutgoingRabbitMQMetadata.Builder metadata = new OutgoingRabbitMQMetadata.Builder()
                .withHeader(Topology.DEAD_LETTER_REASON_HEADER, reason)
                .withDeliveryMode(PERSISTENT);
        original.getMetadata(IncomingRabbitMQMetadata.class).ifPresent(incoming -> {
            metadata.withHeader("x-original-exchange", incoming.getExchange());
            metadata.withHeader("x-original-routing-key", incoming.getRoutingKey());
            incoming.getContentType().ifPresent(metadata::withContentType);
            incoming.getMessageId().ifPresent(metadata::withMessageId);
        });
        return deadLetters.sendMessage(Message.of(original.getPayload(), Metadata.of(metadata.build())));
    }
}
