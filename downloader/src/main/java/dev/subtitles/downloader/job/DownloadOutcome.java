package dev.subtitles.downloader.job;

import java.time.Instant;

import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.downloader.scoring.ScoredCandidate;

/** How one attempt at a download job ended. */
public sealed interface DownloadOutcome {

    /** A subtitle in the target language, stored. */
    record Found(ScoredCandidate candidate, StoredSubtitleFile file) implements DownloadOutcome {
    }

    /** Only a subtitle in a fallback language, stored, to be translated. */
    record NeedsTranslation(ScoredCandidate candidate, StoredSubtitleFile file) implements DownloadOutcome {
    }

    /** Every provider answered and none has a usable subtitle: a permanent failure. */
    record NotFound(String errorCode, String message) implements DownloadOutcome {
    }

    /** Some provider could not answer; worth another attempt, not before {@code notBefore}. */
    record Unavailable(String error, Instant notBefore) implements DownloadOutcome {
    }

    /** The job was cancelled or timed out while it ran: nothing is published. */
    record Cancelled() implements DownloadOutcome {
    }
}
