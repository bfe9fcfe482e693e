package dev.subtitles.manager.outbox;

import java.util.UUID;

/**
 * An outbox row the relay is about to publish.
 *
 * @param traceparent the context of the relay's publish span, sent as the message's header; {@code null} while tracing
 *        is off
 */
record PendingEvent(long id, UUID eventId, UUID jobId, String type, byte[] body, String traceparent) {

    PendingEvent withTraceparent(String publishSpan) {
        return new PendingEvent(id, eventId, jobId, type, body, publishSpan);
    }
}
