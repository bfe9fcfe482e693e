package dev.subtitles.common.event.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Payload of {@code subtitle.translate.started}: a translator took the job.
 *
 * @param attempt 1 for the first attempt, one more for every retry
 * @param engine the translation engine in use
 */
public record TranslateStarted(
        @JsonProperty(required = true) int attempt,
        @JsonProperty(required = true) String engine) implements EventPayload {

    public TranslateStarted {
        Require.atLeast(attempt, 1, "attempt");
        Require.nonBlank(engine, "engine");
    }
}
