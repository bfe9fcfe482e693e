package dev.subtitles.manager.batch;

import java.util.List;

import dev.subtitles.common.event.payload.DownloadRequested;

/**
 * A valid batch request, expanded into its jobs in canonical form, in order: the episodes, then the listed videos.
 *
 * @param series what the request named as series, or {@code null}
 * @param season the season of the episodes, or {@code null}
 * @param jobs every job's request, as its {@code subtitle.download.requested} carries it; never empty
 */
public record BatchPlan(BatchRequest.SeriesRequest series, Integer season, List<DownloadRequested> jobs) {

    /** The language every job asks for, canonical. */
    public String language() {
        return jobs.get(0).language();
    }

    /** The format every job asks for: {@code srt} or {@code vtt}. */
    public String format() {
        return jobs.get(0).format().extension();
    }
}
