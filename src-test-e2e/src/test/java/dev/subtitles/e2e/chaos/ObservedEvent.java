package dev.subtitles.e2e.chaos;

import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.phase.PhaseMachine;

/**
 * One event of a job as the chaos suite saw it: on the broker (a CloudEvent caught by the tap, no sequence number)
 * or in the job's audit trail ({@code GET /jobs/{id}/events}, with the sequence number the projection gave it).
 *
 * @param id the CloudEvent id
 * @param type the CloudEvent type (= routing key)
 * @param attempt {@code data.attempt} where the payload has one (download and translate started, retries), else
 *        {@code null}
 * @param stage {@code data.stage} where the payload has one (retries, failures), else {@code null}
 * @param seq the sequence number in the audit trail; empty for an event seen on the broker
 */
public record ObservedEvent(String id, String type, Integer attempt, String stage, OptionalLong seq) {

    /** An event seen on the broker. */
    public static ObservedEvent published(String id, String type, Integer attempt, String stage) {
        return new ObservedEvent(id, type, attempt, stage, OptionalLong.empty());
    }

    /** An entry of the audit trail. */
    public static ObservedEvent recorded(long seq, String id, String type, Integer attempt, String stage) {
        return new ObservedEvent(id, type, attempt, stage, OptionalLong.of(seq));
    }

    /** A CloudEvent from the tap or a history entry (same {@code id}, {@code type}, {@code data}; entries add seq). */
    public static ObservedEvent of(JsonNode json) {
        JsonNode data = json.path("data");
        Integer attempt = data.path("attempt").isInt() ? data.path("attempt").asInt() : null;
        String stage = data.path("stage").isTextual() ? data.path("stage").asText() : null;
        OptionalLong seq = json.path("seq").canConvertToLong() ? OptionalLong.of(json.path("seq").asLong())
                : OptionalLong.empty();
        return new ObservedEvent(json.path("id").asText(), json.path("type").asText(), attempt, stage, seq);
    }

    /** The phase this event leads to by {@link PhaseMachine#phaseAfter}, or {@code null} (retries, unknown types). */
    public JobPhase phaseAfter() {
        return EventType.fromRoutingKey(type).flatMap(PhaseMachine::phaseAfter).orElse(null);
    }
}
