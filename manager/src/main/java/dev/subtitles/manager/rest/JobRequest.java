package dev.subtitles.manager.rest;

import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.manager.validation.LanguageCode;
import dev.subtitles.manager.validation.LanguageTags;

/** Body of {@code POST /jobs}. */
public record JobRequest(
        @NotNull @Valid VideoRequest video,
        @Schema(description = "ISO 639-1 or 639-2/B code, optionally with a region; normalised to e.g. pt-BR", examples = "pt-BR") @NotBlank @LanguageCode String language,
        @Size(max = 20) List<@NotBlank @Size(max = 64) String> preferredProviders,
        @Schema(description = "srt (default) or vtt") @Pattern(regexp = "(?i)srt|vtt", message = "must be srt or vtt") String format,
        Boolean hearingImpaired,
        @Schema(description = "high, normal (default) or low: a high job overtakes queued normal ones at every stage, a low one waits behind them", examples = "high") @Pattern(regexp = "(?i)high|normal|low", message = "must be high, normal or low") String priority) {

    /** The request in canonical form, as the {@code subtitle.download.requested} event carries it. */
    public DownloadRequested toDownloadRequested() {
        List<String> providers = preferredProviders == null ? List.of()
                : preferredProviders.stream().map(provider -> provider.strip().toLowerCase(Locale.ROOT)).distinct()
                        .toList();
        SubtitleFormat subtitleFormat = format == null ? SubtitleFormat.SRT : SubtitleFormat.fromName(format);
        String canonicalLanguage = LanguageTags.canonical(language).orElseThrow(
                () -> new IllegalArgumentException("language was validated but is not canonical: " + language));
        return new DownloadRequested(video.toVideoRef(), canonicalLanguage, providers, subtitleFormat,
                hearingImpaired, priority == null ? Priority.NORMAL : Priority.fromName(priority));
    }
}
