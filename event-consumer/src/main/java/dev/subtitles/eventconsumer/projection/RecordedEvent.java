package dev.subtitles.eventconsumer.projection;

import java.util.UUID;

/**
 * An event as the event log holds it, with what the Redis view needs of it.
 *
 * @param eventId the CloudEvent id
 * @param jobId the job the event is about
 * @param seq the event's number in its job's history, given when it was first recorded
 * @param historyEntry the history entry JSON of PROJECTION_CONTRACT.md: the member of the job's history sorted set
 *        and the pub/sub message, built by PostgreSQL from the stored row ({@code jsonb} has fixed the key order and
 *        number format of the payload), so the live projection and a rebuild produce the same bytes
 * @param time the event's {@code time} exactly as in the CloudEvent, which the job hash shows as {@code updatedAt}
 */
public record RecordedEvent(UUID eventId, UUID jobId, long seq, String historyEntry, String time) {
}
