package dev.subtitles.common.event.payload;

import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.subtitles.common.format.SubtitleFormat;

/**
 * Payload of {@code subtitle.translate.requested}: the downloader found a subtitle only in another language.
 *
 * @param sourceFileId id of the stored subtitle to translate
 * @param sourceLanguage language of that subtitle
 * @param targetLanguage language the job wants
 * @param format format the translation is to be stored in
 * @param provider the provider the source subtitle came from
 * @param priority the job's priority, as its download request had it; absent (from a message written before
 *        priorities) is {@link Priority#NORMAL}
 */
public record TranslateRequested(
        @JsonProperty(required = true) UUID sourceFileId,
        @JsonProperty(required = true) String sourceLanguage,
        @JsonProperty(required = true) String targetLanguage,
        @JsonProperty(required = true) SubtitleFormat format,
        @JsonProperty(required = true) String provider,
        Priority priority) implements EventPayload, WorkRequest {

    public TranslateRequested {
        Require.present(sourceFileId, "sourceFileId");
        Require.nonBlank(sourceLanguage, "sourceLanguage");
        Require.nonBlank(targetLanguage, "targetLanguage");
        if (sourceLanguage.toLowerCase(Locale.ROOT).equals(targetLanguage.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("sourceLanguage and targetLanguage must differ, both are '"
                    + targetLanguage + "'");
        }
        Require.present(format, "format");
        Require.nonBlank(provider, "provider");
        priority = Priority.orNormal(priority);
    }
}
