package dev.subtitles.common.worker;

import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;

import dev.subtitles.common.messaging.Topology;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;

/**
 * Copies a message a worker cannot handle to its DLQ with the reason in {@code x-dead-letter-reason}.
 * <p>
 * A plain reject dead-letters too, but AMQP cannot add a header to a rejected message; so a copy goes straight to
 * the DLQ through the default exchange, confirmed, and only then may the original be acked (by the caller). The copy
 * keeps the body, every header and every property of the original (message id, content type and encoding,
 * correlation id, reply-to, timestamp, type, app id, priority, delivery mode), and adds the reason and where the
 * original was published ({@code x-original-exchange}, {@code x-original-routing-key}). Left out on purpose: the
 * expiration (the copy would expire in the DLQ) and the user id (the broker refuses one that is not the publishing
 * connection's user).
 */
public class DeadLetterPublisher {

    /** Header naming the exchange the original message was published to. */
    public static final String ORIGINAL_EXCHANGE_HEADER = "x-original-exchange";
    /** Header naming the routing key the original message was published with. */
    public static final String ORIGINAL_ROUTING_KEY_HEADER = "x-original-routing-key";

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    private final ConfirmedPublisher publisher;
    private final String deadLetterQueue;

    /**
     * @param publisher publishes through the default exchange straight into the DLQ
     * @param workQueue the work queue whose DLQ ({@link Topology#DEAD_LETTER_QUEUE_SUFFIX}) receives the copies
     */
    public DeadLetterPublisher(ConfirmedPublisher publisher, String workQueue) {
        this.publisher = publisher;
        this.deadLetterQueue = workQueue + Topology.DEAD_LETTER_QUEUE_SUFFIX;
    }

    /** Publishes a copy of {@code message} with {@code reason} to the DLQ; the item is the broker's confirm. */
    public Uni<Void> copy(Message<byte[]> message, String reason) {
        LOG.warnf("Dead-lettering a message: %s", reason);
        Optional<IncomingRabbitMQMetadata> incoming = message.getMetadata(IncomingRabbitMQMetadata.class);
        return publisher.publish("", deadLetterQueue, properties(incoming, reason), message.getPayload());
    }

    private static AMQP.BasicProperties properties(Optional<IncomingRabbitMQMetadata> incoming, String reason) {
        Map<String, Object> headers = new HashMap<>(incoming.map(IncomingRabbitMQMetadata::getHeaders).orElse(Map.of()));
        headers.put(Topology.DEAD_LETTER_REASON_HEADER, reason);
        AMQP.BasicProperties.Builder builder = new AMQP.BasicProperties.Builder().headers(headers)
                .deliveryMode(ConfirmedPublisher.PERSISTENT);
        if (incoming.isEmpty()) {
            return builder.build();
        }
        IncomingRabbitMQMetadata original = incoming.get();
        headers.put(ORIGINAL_EXCHANGE_HEADER, original.getExchange());
        headers.put(ORIGINAL_ROUTING_KEY_HEADER, original.getRoutingKey());
        original.getContentType().ifPresent(builder::contentType);
        original.getContentEncoding().ifPresent(builder::contentEncoding);
        original.getDeliveryMode().ifPresent(builder::deliveryMode);
        original.getPriority().ifPresent(builder::priority);
        original.getCorrelationId().ifPresent(builder::correlationId);
        original.getReplyTo().ifPresent(builder::replyTo);
        original.getMessageId().ifPresent(builder::messageId);
        original.getTimestamp(ZoneOffset.UTC).ifPresent(time -> builder.timestamp(Date.from(time.toInstant())));
        original.getType().ifPresent(builder::type);
        original.getAppId().ifPresent(builder::appId);
        return builder.headers(headers).build();
    }
}
