package dev.subtitles.eventconsumer.projection;

/**
 * A recorded event read back for a rebuild: what the Redis view needs, and the stored CloudEvent to decode it from.
 *
 * @param recorded the event as the event log holds it
 * @param cloudEvent the stored CloudEvent JSON, as PostgreSQL returns it (normalised by {@code jsonb})
 */
public record StoredEvent(RecordedEvent recorded, String cloudEvent) {
}
