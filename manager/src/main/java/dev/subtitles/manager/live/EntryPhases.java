package dev.subtitles.manager.live;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.phase.PhaseMachine;
import dev.subtitles.common.projection.HistoryEntry;

/**
 * The phase a history entry leads to, read from its {@code type}. Every watcher of a job asks this for every event,
 * so the entry is scanned with a streaming parser up to {@code type} instead of being parsed into a tree.
 */
final class EntryPhases {

    private static final JsonFactory JSON = new JsonFactory();

    private EntryPhases() {
    }

    /** The phase after the entry's event; empty for an event that sets none, or an entry without a known type. */
    static Optional<JobPhase> phaseAfter(HistoryEntry entry) {
        return type(entry.json()).flatMap(EventType::fromRoutingKey).flatMap(PhaseMachine::phaseAfter);
    }

    private static Optional<String> type(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                    return Optional.of(parser.getText());
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
