package dev.subtitles.common.event.payload;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.subtitles.common.format.SubtitleFormat;

/**
 * Payload of {@code subtitle.upgraded}: a search after the job was done found a better subtitle, stored as a new
 * version of the job's file (docs/upgrades.md). The job stays {@code DONE}; its subtitle is now this version.
 *
 * @param fileId id of the stored file of the new version
 * @param version the new version's number (2 for the first upgrade)
 * @param provider the provider the subtitle came from
 * @param language its language, the job's
 * @param score how well it matched the request (the downloader's scale, as in {@code subtitle.ready})
 * @param matched what matched the request; may be empty
 * @param format format of the stored file
 * @param previousVersion the version it replaces as current
 * @param previousScore that version's score; {@code null} when it was machine-translated
 * @param previousMachineTranslated whether that version was a machine translation
 */
public record SubtitleUpgraded(
        @JsonProperty(required = true) UUID fileId,
        @JsonProperty(required = true) int version,
        @JsonProperty(required = true) String provider,
        @JsonProperty(required = true) String language,
        @JsonProperty(required = true) double score,
        List<String> matched,
        @JsonProperty(required = true) SubtitleFormat format,
        @JsonProperty(required = true) int previousVersion,
        Double previousScore,
        @JsonProperty(required = true) boolean previousMachineTranslated) implements EventPayload {

    public SubtitleUpgraded {
        Require.present(fileId, "fileId");
        Require.atLeast(version, 2, "version");
        Require.nonBlank(provider, "provider");
        Require.nonBlank(language, "language");
        Require.nullOrFinite(score, "score");
        matched = Require.nonBlankElements(matched, "matched");
        Require.present(format, "format");
        Require.atLeast(previousVersion, 1, "previousVersion");
        if (previousVersion >= version) {
            throw new IllegalArgumentException("previousVersion must be below version " + version + ", was "
                    + previousVersion);
        }
        Require.nullOrFinite(previousScore, "previousScore");
    }
}
