package dev.subtitles.manager.outbox;

import java.util.UUID;

/** An outbox row the relay is about to publish. */
record PendingEvent(long id, UUID eventId, String type, byte[] body) {
}
