package dev.subtitles.eventconsumer.projection;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The history entry JSON of PROJECTION_CONTRACT.md: the member of a job's history sorted set, the pub/sub message,
 * and the item the manager returns from {@code GET /jobs/{id}/events}.
 * <p>
 * It is built from the event as stored in PostgreSQL, never from the message body, so that the live projection and
 * a rebuild produce the same bytes: the sorted set deduplicates by member, and {@code jsonb} has already fixed the
 * key order and number format. Numbers are copied exactly ({@code 0.90} stays {@code 0.90}).
 *
 * @param json the entry
 * @param time the event's {@code time} exactly as in the CloudEvent, which the job hash shows as {@code updatedAt}
 */
record HistoryEntry(String json, String time) {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** The entry of {@code recorded}, with the fields in the order the contract shows. */
    static HistoryEntry of(RecordedEvent recorded) {
        JsonNode cloudEvent = parse(recorded.cloudEvent());
        ObjectNode entry = MAPPER.createObjectNode();
        entry.put("jobId", recorded.jobId().toString());
        entry.put("seq", recorded.seq());
        entry.put("id", recorded.eventId().toString());
        entry.set("type", cloudEvent.get("type"));
        entry.set("time", cloudEvent.get("time"));
        entry.set("source", cloudEvent.get("source"));
        entry.set("data", cloudEvent.get("data"));
        try {
            return new HistoryEntry(MAPPER.writeValueAsString(entry), cloudEvent.get("time").textValue());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history entry of event " + recorded.eventId(), e);
        }
    }

    private static JsonNode parse(String cloudEvent) {
        try {
            return MAPPER.readTree(cloudEvent);
        } catch (IOException e) {
            throw new UncheckedIOException("stored event is not JSON", e);
        }
    }
}
