package dev.subtitles.common.event.payload;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.subtitles.common.format.SubtitleFormat;

/**
 * Payload of {@code subtitle.ready}: the job's subtitle is stored and the job is done.
 *
 * @param fileId id of the stored subtitle file (claim check: the file itself never travels in an event)
 * @param provider the provider the subtitle came from
 * @param language language of the subtitle
 * @param score how well the chosen candidate matched the request (the downloader's scale, higher is better)
 * @param matched what matched the request (e.g. {@code imdbId}, {@code fileHash}, {@code season}); may be empty
 * @param format format of the stored file
 */
public record SubtitleReady(
        @JsonProperty(required = true) UUID fileId,
        @JsonProperty(required = true) String provider,
        @JsonProperty(required = true) String language,
        @JsonProperty(required = true) double score,
        List<String> matched,
        @JsonProperty(required = true) SubtitleFormat format) implements EventPayload {

    public SubtitleReady {
        Require.present(fileId, "fileId");
        Require.nonBlank(provider, "provider");
        Require.nonBlank(language, "language");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be a finite number, was " + score);
        }
        matched = Require.nonBlankElements(matched, "matched");
        Require.present(format, "format");
    }
}
