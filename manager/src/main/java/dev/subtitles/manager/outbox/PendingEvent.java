package dev.subtitles.manager.outbox;

import java.util.UUID;

/**
 * An outbox row the relay is about to publish.
 *
 * @param type the event type, the message's {@code type} property
 * @param routingKey what it is published with: the type, with the priority's suffix for a high or low job's request
 * @param traceparent the context of the relay's publish span, sent as the message's header; {@code null} while tracing
 *        is off
 */
record PendingEvent(long id, UUID eventId, UUID jobId, String type, String routingKey, byte[] body,
        String traceparent) {

    PendingEvent withTraceparent(String publishSpan) {
        return new PendingEvent(id, eventId, jobId, type, routingKey, body, publishSpan);
    }
}
