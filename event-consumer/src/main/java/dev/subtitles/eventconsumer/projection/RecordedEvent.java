package dev.subtitles.eventconsumer.projection;

import java.util.UUID;

import dev.subtitles.common.projection.HistoryEntry;

/**
 * An event as the event log holds it, with what the Redis view needs of it.
 *
 * @param eventId the CloudEvent id
 * @param jobId the job the event is about
 * @param entry its sequence number, given when it was first recorded, and its history entry, built by PostgreSQL
 *        from the stored row ({@link HistoryEntry#SQL}), so the live projection and a rebuild produce the same bytes
 * @param time the event's {@code time} exactly as in the CloudEvent, which the job hash shows as {@code updatedAt}
 */
public record RecordedEvent(UUID eventId, UUID jobId, HistoryEntry entry, String time) {
}
