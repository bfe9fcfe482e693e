package dev.subtitles.common.worker;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Publishes events to the topic exchange with the event type as routing key, persistent, and completes only once
 * the broker has confirmed the message.
 */
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final int PERSISTENT = 2;

    private final MutinyEmitter<byte[]> emitter;
    private final EventCodec codec;

    /** @param emitter a channel to the events exchange with publisher confirms on */
    public EventPublisher(MutinyEmitter<byte[]> emitter, EventCodec codec) {
        this.emitter = emitter;
        this.codec = codec;
    }

    /** Publishes the event; the item arrives once the broker confirmed it. */
    public Uni<Void> publish(JobEvent<?> event) {
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(event.type().routingKey())
                .withContentType(codec.contentType())
                .withDeliveryMode(PERSISTENT)
                .withMessageId(event.id().toString())
                .build();
        return Uni.createFrom().item(() -> codec.encode(event))
                .flatMap(body -> emitter.sendMessage(Message.of(body).addMetadata(metadata)))
                .invoke(() -> LOG.debugf("Published %s %s for job %s", event.type().routingKey(), event.id(),
                        event.jobId()));
    }
}
