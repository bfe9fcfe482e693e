package dev.subtitles.manager.upgrade;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.subtitles.common.event.payload.UpgradeRequested;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.format.SubtitleFormat;

/**
 * A job whose next search for a better subtitle is due, as the scheduler claimed it: the request as submitted, and
 * its current version.
 *
 * @param finishedAt when the job was done
 * @param searches the searches requested so far
 * @param current the job's current version: the latest the downloader recorded, or the one the row knows
 */
record DueUpgrade(UUID jobId, String tenant, VideoRef video, String language, List<String> preferredProviders,
        SubtitleFormat format, Boolean hearingImpaired, UUID originalFileId, Instant finishedAt, int searches,
        Current current) {

    /**
     * A version of the job's subtitle.
     *
     * @param score {@code null} for a machine translation
     */
    record Current(int version, Double score, boolean machineTranslated) {

        /** Whether a search could still find something worth more: a native subtitle scored at least this is not. */
        boolean worthSearching(double scoreBelow) {
            return machineTranslated || score < scoreBelow;
        }
    }

    /** The request of the next search. */
    UpgradeRequested nextRequest() {
        return new UpgradeRequested(video, language, preferredProviders, format, hearingImpaired, originalFileId,
                current.version(), current.score(), current.machineTranslated(), searches + 1);
    }
}
