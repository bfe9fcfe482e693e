package dev.subtitles.common.event.payload;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.subtitles.common.format.SubtitleFormat;

/**
 * Payload of {@code subtitle.upgrade.requested}: a done job's subtitle matched poorly or was machine-translated, so the
 * manager asks the downloader to search again for a better one (docs/upgrades.md). It carries the job's request as
 * submitted and the version the manager knows as current; the downloader compares what it finds with that version, or
 * with a later one it stored meanwhile.
 *
 * @param video the video, as submitted
 * @param language the wanted subtitle language, as submitted (canonical form)
 * @param preferredProviders providers to try first, as submitted
 * @param format the format the job asked for
 * @param hearingImpaired the hearing-impaired wish, as submitted ({@code null}: either)
 * @param originalFileId the job's first file (version 1: the file of its {@code subtitle.ready} or
 *        {@code subtitle.translated})
 * @param currentVersion the version the manager knows as current (1 for the first file)
 * @param currentScore that version's score; {@code null} when it is machine-translated
 * @param machineTranslated whether that version is a machine translation
 * @param search which search of the job this is: 1 for the first, 2 for the next, and so on
 */
public record UpgradeRequested(
        @JsonProperty(required = true) VideoRef video,
        @JsonProperty(required = true) String language,
        List<String> preferredProviders,
        @JsonProperty(required = true) SubtitleFormat format,
        Boolean hearingImpaired,
        @JsonProperty(required = true) UUID originalFileId,
        @JsonProperty(required = true) int currentVersion,
        Double currentScore,
        @JsonProperty(required = true) boolean machineTranslated,
        @JsonProperty(required = true) int search) implements EventPayload {

    public UpgradeRequested {
        Require.present(video, "video");
        Require.nonBlank(language, "language");
        preferredProviders = Require.nonBlankElements(preferredProviders, "preferredProviders");
        Require.present(format, "format");
        Require.present(originalFileId, "originalFileId");
        Require.atLeast(currentVersion, 1, "currentVersion");
        Require.nullOrFinite(currentScore, "currentScore");
        if (!machineTranslated && currentScore == null) {
            throw new IllegalArgumentException("currentScore is required unless the current version is"
                    + " machine-translated");
        }
        Require.atLeast(search, 1, "search");
    }
}
