package dev.subtitles.common.event.payload;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Payload of {@code subtitle.upgrade.checked}: a search after the job was done found nothing better than its current
 * version, which stays current (docs/upgrades.md). Recorded so that every search shows in the job's history.
 *
 * @param version the current version, unchanged
 * @param score its score; {@code null} when it is machine-translated
 * @param machineTranslated whether it is a machine translation
 * @param candidates how many subtitles in the job's language the providers offered for the video
 * @param bestScore the best of their scores; {@code null} when there was none
 * @param unavailable the providers that could not answer, each as {@code <provider>: <error>}; empty when all did
 */
public record UpgradeChecked(
        @JsonProperty(required = true) int version,
        Double score,
        @JsonProperty(required = true) boolean machineTranslated,
        @JsonProperty(required = true) int candidates,
        Double bestScore,
        List<String> unavailable) implements EventPayload {

    public UpgradeChecked {
        Require.atLeast(version, 1, "version");
        Require.nullOrFinite(score, "score");
        Require.atLeast(candidates, 0, "candidates");
        Require.nullOrFinite(bestScore, "bestScore");
        unavailable = Require.nonBlankElements(unavailable, "unavailable");
    }
}
