package dev.subtitles.common.event.payload;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.subtitles.common.format.SubtitleFormat;

/**
 * Payload of {@code subtitle.download.requested}: the job as the user submitted it.
 *
 * @param video the video to find subtitles for
 * @param language the wanted subtitle language (BCP 47 / ISO 639-1 code as the user gave it)
 * @param preferredProviders providers to try first, in order; empty when the user has no preference
 * @param format the format the user wants the result in
 * @param hearingImpaired {@code true}/{@code false} to ask for or against hearing-impaired subtitles, {@code null}
 *        when either will do
 * @param priority the job's priority; absent (from a message written before priorities) is {@link Priority#NORMAL}
 */
public record DownloadRequested(
        @JsonProperty(required = true) VideoRef video,
        @JsonProperty(required = true) String language,
        List<String> preferredProviders,
        @JsonProperty(required = true) SubtitleFormat format,
        Boolean hearingImpaired,
        Priority priority) implements EventPayload, WorkRequest {

    public DownloadRequested {
        Require.present(video, "video");
        Require.nonBlank(language, "language");
        preferredProviders = Require.nonBlankElements(preferredProviders, "preferredProviders");
        Require.present(format, "format");
        priority = Priority.orNormal(priority);
    }
}
