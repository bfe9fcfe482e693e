package dev.subtitles.downloader.upgrade;

import java.util.List;

import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.downloader.scoring.ScoredCandidate;

/** How a search for a better subtitle of a done job ended. */
sealed interface UpgradeOutcome {

    /** A better subtitle, stored and recorded as version {@code version} of the job's file. */
    record Upgraded(ScoredCandidate candidate, StoredSubtitleFile file, int version) implements UpgradeOutcome {
    }

    /**
     * Nothing better than the current version.
     *
     * @param candidates how many subtitles in the job's language the providers offered
     * @param bestScore the best of their scores, {@code null} for none
     * @param unavailable the providers that could not answer, as {@code <provider>: <error>}
     */
    record NoBetter(int candidates, Double bestScore, List<String> unavailable) implements UpgradeOutcome {
    }
}
