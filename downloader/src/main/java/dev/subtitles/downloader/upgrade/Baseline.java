package dev.subtitles.downloader.upgrade;

import dev.subtitles.common.event.payload.UpgradeRequested;

/**
 * The version of a job's subtitle an upgrade search has to beat: the one current before the search.
 *
 * @param version its number (1 for the job's first file)
 * @param score its score; {@code null} for a machine translation
 * @param machineTranslated whether it is a machine translation
 */
record Baseline(int version, Double score, boolean machineTranslated) {

    /** The current version as the request names it. */
    static Baseline of(UpgradeRequested request) {
        return new Baseline(request.currentVersion(), request.currentScore(), request.machineTranslated());
    }

    /** A stored later version: always a subtitle found in the job's language. */
    static Baseline stored(int version, double score) {
        return new Baseline(version, score, false);
    }

    /**
     * Whether a subtitle in the job's language with {@code score} is better: any is, over a machine translation;
     * otherwise only a strictly higher score.
     */
    boolean beatenBy(int score) {
        return machineTranslated || score > this.score;
    }
}
