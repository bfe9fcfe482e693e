package dev.subtitles.manager.projection;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.phase.PhaseMachine;
import dev.subtitles.common.projection.HistoryEntry;

/**
 * Reads what the manager needs from a history entry ({@code {"jobId", "seq", "id", "type", ...}}, in that order):
 * its job, its sequence number and the phase its event leads to. Every projected event passes through here, once per
 * manager for the feed and once per watcher of its job, so the entry is scanned with a streaming parser up to
 * {@code type} instead of being parsed into a tree; {@code data}, the bulk of it, is never read.
 */
public final class EntryPhases {

    private static final JsonFactory JSON = new JsonFactory();

    private EntryPhases() {
    }

    /** The phase after the entry's event; empty for an event that sets none, or an entry without a known type. */
    public static Optional<JobPhase> phaseAfter(HistoryEntry entry) {
        return read(entry.json()).flatMap(FeedEntry::phaseAfter);
    }

    /** The entry {@code json} announces; empty when it is not a history entry (no job id, sequence number or type). */
    static Optional<FeedEntry> read(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            UUID jobId = null;
            long seq = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("jobId".equals(field) && value == JsonToken.VALUE_STRING) {
                    jobId = UUID.fromString(parser.getText());
                } else if ("seq".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                    seq = parser.getLongValue();
                } else if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                    return jobId == null || seq < 0 ? Optional.empty()
                            : Optional.of(new FeedEntry(jobId, new HistoryEntry(seq, json), phaseOf(parser.getText())));
                } else {
                    parser.skipChildren();
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<JobPhase> phaseOf(String type) {
        return EventType.fromRoutingKey(type).flatMap(PhaseMachine::phaseAfter);
    }

    /**
     * A history entry as the feed announces it.
     *
     * @param jobId the job
     * @param entry the entry
     * @param phaseAfter the phase after its event, as {@link #phaseAfter(HistoryEntry)}
     */
    record FeedEntry(UUID jobId, HistoryEntry entry, Optional<JobPhase> phaseAfter) {

        boolean endsJob() {
            return phaseAfter.isPresent() && phaseAfter.get().isTerminal();
        }
    }
}
