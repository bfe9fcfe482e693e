package dev.subtitles.eventconsumer.messaging;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import dev.subtitles.common.messaging.Topology;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;

/**
 * Sends a copy of a message the projection gives up on (not an event, or an event PostgreSQL cannot store) to the
 * projection's dead-letter queue, with the reason in the {@code x-dead-letter-reason} header. A broker dead-lettering
 * (a reject) cannot add a header, hence the copy; the caller acks the original once the copy is confirmed.
 * <p>
 * The copy is the original as it was published, so it can be inspected, or shovelled back once the cause is fixed:
 * the same body, every original header ({@code traceparent} included), and the properties {@code message_id},
 * {@code content_type}, {@code content_encoding}, {@code correlation_id}, {@code timestamp}, {@code type},
 * {@code app_id}, {@code priority} and {@code reply_to}, always persistent; plus {@code x-original-exchange} and
 * {@code x-original-routing-key}. Left out: {@code expiration} (the copy would expire in the DLQ) and
 * {@code user_id} (the broker refuses a publish whose user id is not the publisher's).
 */
@ApplicationScoped
public class DeadLetterPublisher {

    /** Persistent, like every message of the pipeline. */
    private static final int PERSISTENT = 2;
    static final String ORIGINAL_EXCHANGE_HEADER = "x-original-exchange";
    static final String ORIGINAL_ROUTING_KEY_HEADER = "x-original-routing-key";

    private final MutinyEmitter<byte[]> deadLetters;
    private final Duration confirmTimeout;

    public DeadLetterPublisher(@Channel(Channels.DEAD_LETTERS) MutinyEmitter<byte[]> deadLetters,
            EventConsumerConfig config) {
        this.deadLetters = deadLetters;
        this.confirmTimeout = config.timeout().broker();
    }

    /**
     * Publishes the copy; completes when the broker confirmed it, and fails when it refused it or did not confirm
     * within {@code event-consumer.timeout.broker} (e.g. the connection dropped mid-publish).
     */
    Uni<Void> publish(Message<byte[]> original, String reason) {
        OutgoingRabbitMQMetadata.Builder metadata = new OutgoingRabbitMQMetadata.Builder();
        Map<String, Object> headers = new HashMap<>();
        original.getMetadata(IncomingRabbitMQMetadata.class).ifPresent(incoming -> {
            headers.putAll(incoming.getHeaders());
            headers.put(ORIGINAL_EXCHANGE_HEADER, incoming.getExchange());
            headers.put(ORIGINAL_ROUTING_KEY_HEADER, incoming.getRoutingKey());
            incoming.getMessageId().ifPresent(metadata::withMessageId);
            incoming.getContentType().ifPresent(metadata::withContentType);
            incoming.getContentEncoding().ifPresent(metadata::withContentEncoding);
            incoming.getCorrelationId().ifPresent(metadata::withCorrelationId);
            incoming.getTimestamp(ZoneOffset.UTC).ifPresent(metadata::withTimestamp);
            incoming.getType().ifPresent(metadata::withType);
            incoming.getAppId().ifPresent(metadata::withAppId);
            incoming.getPriority().ifPresent(metadata::withPriority);
            incoming.getReplyTo().ifPresent(metadata::withReplyTo);
        });
        headers.put(Topology.DEAD_LETTER_REASON_HEADER, reason);
        metadata.withHeaders(headers).withDeliveryMode(PERSISTENT);
        return deadLetters.sendMessage(Message.of(original.getPayload(), Metadata.of(metadata.build())))
                .ifNoItem().after(confirmTimeout).failWith(() -> new TimeoutException(
                        "the broker did not confirm the dead-letter copy within " + confirmTimeout));
    }
}
