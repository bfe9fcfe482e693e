package dev.subtitles.downloader.messaging;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.subtitles.common.messaging.Topology;
import dev.subtitles.downloader.config.DownloaderConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Moves a message this service cannot handle to its DLQ with the reason in {@code x-dead-letter-reason}.
 * <p>
 * A plain reject would dead-letter it too, but AMQP cannot add a header to a rejected message; so a copy goes
 * straight to the DLQ through the default exchange, confirmed, and only then is the original acked.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private static final int PERSISTENT = 2;

    private final MutinyEmitter<byte[]> emitter;
    private final String deadLetterQueue;

    public DeadLetterPublisher(@Channel(Channels.DEAD_LETTERS) MutinyEmitter<byte[]> emitter,
            DownloaderConfig config) {
        this.emitter = emitter;
        this.deadLetterQueue = config.messaging().queue() + Topology.DEAD_LETTER_QUEUE_SUFFIX;
    }

    /** Publishes {@code body} with its original headers plus the reason to the DLQ, confirmed. */
    public Uni<Void> deadLetter(byte[] body, Map<String, Object> headers, String contentType, String reason) {
        Map<String, Object> copy = new HashMap<>(headers);
        copy.put(Topology.DEAD_LETTER_REASON_HEADER, reason);
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(deadLetterQueue)
                .withHeaders(copy)
                .withContentType(contentType)
                .withDeliveryMode(PERSISTENT)
                .build();
        return emitter.sendMessage(Message.of(body).addMetadata(metadata));
    }
}
