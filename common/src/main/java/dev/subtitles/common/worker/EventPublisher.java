package dev.subtitles.common.worker;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import io.smallrye.mutiny.Uni;

/**
 * Publishes events to the topic exchange with the event's routing key ({@link JobEvent#routingKey()}: its type, with
 * the priority's suffix for a request of a high or low job), persistent, with the event id as
 * message id, and completes only once the broker has confirmed the message ({@link ConfirmedPublisher}: bounded).
 */
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final ConfirmedPublisher publisher;
    private final EventCodec codec;
    private final String exchange;

    /** @param exchange the topic exchange events go to */
    public EventPublisher(ConfirmedPublisher publisher, EventCodec codec, String exchange) {
        this.publisher = publisher;
        this.codec = codec;
        this.exchange = exchange;
    }

    /** Publishes the event; the item arrives once the broker confirmed it, a failure within the confirm timeout. */
    public Uni<Void> publish(JobEvent<?> event) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType(codec.contentType())
                .deliveryMode(ConfirmedPublisher.PERSISTENT)
                .messageId(event.id().toString())
                .type(event.type().routingKey())
                .build();
        return Uni.createFrom().item(() -> codec.encode(event))
                .flatMap(body -> publisher.publish(exchange, event.routingKey(), properties, body))
                .invoke(() -> LOG.debugf("Published %s %s for job %s", event.routingKey(), event.id(),
                        event.jobId()));
    }
}
