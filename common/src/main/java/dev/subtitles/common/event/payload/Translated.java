package dev.subtitles.common.event.payload;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.subtitles.common.format.SubtitleFormat;

/**
 * Payload of {@code subtitle.translated}: the translation is stored and the job is done.
 *
 * @param fileId id of the stored translated subtitle
 * @param engine the translation engine that produced it
 * @param model the engine's model, or {@code null} when the engine has none
 * @param cueCount number of cues translated
 * @param sourceLanguage language translated from
 * @param targetLanguage language translated to
 * @param format format of the stored file
 */
public record Translated(
        @JsonProperty(required = true) UUID fileId,
        @JsonProperty(required = true) String engine,
        String model,
        @JsonProperty(required = true) int cueCount,
        @JsonProperty(required = true) String sourceLanguage,
        @JsonProperty(required = true) String targetLanguage,
        @JsonProperty(required = true) SubtitleFormat format) implements EventPayload {

    public Translated {
        Require.present(fileId, "fileId");
        Require.nonBlank(engine, "engine");
        Require.nullOrNonBlank(model, "model");
        Require.atLeast(cueCount, 0, "cueCount");
        Require.nonBlank(sourceLanguage, "sourceLanguage");
        Require.nonBlank(targetLanguage, "targetLanguage");
        Require.present(format, "format");
    }
}
