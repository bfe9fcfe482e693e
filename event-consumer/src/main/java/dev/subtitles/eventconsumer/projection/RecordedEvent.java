package dev.subtitles.eventconsumer.projection;

import java.util.UUID;

/**
 * An event as the event log holds it.
 *
 * @param eventId the CloudEvent id
 * @param jobId the job the event is about
 * @param seq the event's number in its job's history, given when it was first recorded
 * @param cloudEvent the stored CloudEvent JSON, as PostgreSQL returns it (normalised by {@code jsonb})
 * @param firstRecording {@code true} when this call recorded the event, {@code false} when it was already there
 */
public record RecordedEvent(UUID eventId, UUID jobId, long seq, String cloudEvent, boolean firstRecording) {
}
