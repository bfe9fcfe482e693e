package dev.subtitles.manager.status;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;

import dev.subtitles.common.messaging.Topology;
import dev.subtitles.common.worker.DeadLetterPublisher;

/**
 * One dead-lettered message as an operator sees it. Our workers copy a message they cannot handle to the DLQ with
 * {@code x-dead-letter-reason}, {@code x-original-exchange} and {@code x-original-routing-key}; the broker
 * dead-letters a rejected or over-delivered message itself, with {@code x-death}. Both are read.
 *
 * @param id the message id (the event id), or {@code sha256:<hash of the body>} for a message without one
 * @param type the event type ({@code type} property, else the body's)
 * @param jobId the job ({@code subject} of the CloudEvent body), {@code null} when the body is not one
 * @param reason why it was dead-lettered: our reason, else the broker's ({@code rejected}, {@code delivery_limit}...)
 * @param deaths how often the broker dead-lettered it (sum of the {@code x-death} counts), 0 for our copies
 * @param originalQueue the queue it was dead-lettered from
 * @param originalRoutingKey the routing key it was first published with
 * @param deadLetteredAt when the broker dead-lettered it, else when it was published, {@code null} when unknown
 * @param requeues how often an operator requeued it before ({@value #REQUEUES_HEADER})
 * @param bytes the size of its body
 */
public record DeadLetter(String id, String type, String jobId, String reason, long deaths, String originalQueue,
        String originalRoutingKey, Instant deadLetteredAt, int requeues, int bytes) {

    /** Header counting the requeues of a message, added on each requeue. */
    public static final String REQUEUES_HEADER = "x-requeue-count";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The message {@code get} returned, dead-lettered from {@code workQueue}. */
    static DeadLetter of(GetResponse get, String workQueue) {
        AMQP.BasicProperties properties = get.getProps();
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        Map<?, ?> death = firstDeath(headers);
        JsonNode body = body(get.getBody());
        String type = properties.getType() != null ? properties.getType() : text(body, "type");
        String reason = string(headers.get(Topology.DEAD_LETTER_REASON_HEADER));
        if (reason == null && death != null) {
            reason = string(death.get("reason"));
        }
        String originalRoutingKey = string(headers.get(DeadLetterPublisher.ORIGINAL_ROUTING_KEY_HEADER));
        if (originalRoutingKey == null && death != null && death.get("routing-keys") instanceof List<?> keys
                && !keys.isEmpty()) {
            originalRoutingKey = string(keys.get(0));
        }
        Instant at = death != null && death.get("time") instanceof Date time ? time.toInstant()
                : properties.getTimestamp() != null ? properties.getTimestamp().toInstant() : null;
        return new DeadLetter(idOf(get), type, text(body, "subject"), reason, deaths(headers),
                death != null && death.get("queue") != null ? string(death.get("queue")) : workQueue,
                originalRoutingKey, at, requeues(headers), get.getBody().length);
    }

    /** How {@link #id} names the message {@code get} returned. */
    static String idOf(GetResponse get) {
        String messageId = get.getProps().getMessageId();
        return messageId != null && !messageId.isBlank() ? messageId : "sha256:" + sha256(get.getBody());
    }

    /** How often the message was requeued by an operator, from its headers. */
    static int requeues(Map<String, Object> headers) {
        return headers.get(REQUEUES_HEADER) instanceof Number count ? count.intValue() : 0;
    }

    private static Map<?, ?> firstDeath(Map<String, Object> headers) {
        return headers.get("x-death") instanceof List<?> deaths && !deaths.isEmpty()
                && deaths.get(0) instanceof Map<?, ?> death ? death : null;
    }

    private static long deaths(Map<String, Object> headers) {
        if (!(headers.get("x-death") instanceof List<?> deaths)) {
            return 0;
        }
        return deaths.stream().filter(Map.class::isInstance).map(death -> ((Map<?, ?>) death).get("count"))
                .filter(Number.class::isInstance).mapToLong(count -> ((Number) count).longValue()).sum();
    }

    private static JsonNode body(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        return body != null && body.path(field).isTextual() ? body.path(field).asText() : null;
    }

    /** Header values arrive as the AMQP client's LongString. */
    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
