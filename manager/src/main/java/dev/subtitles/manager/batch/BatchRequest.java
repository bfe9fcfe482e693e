package dev.subtitles.manager.batch;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.subtitles.manager.rest.VideoRequest;

/**
 * Body of {@code POST /batches}: the episodes {@code episodes.from} to {@code episodes.to} of {@code season} of
 * {@code series}, and/or the {@code videos} listed, each to be found in {@code language}. Its fields are checked by
 * {@link BatchPlans} against the rules of {@code POST /jobs}, job by job, so they carry no constraints of their own.
 */
public record BatchRequest(
        @Schema(description = "The series whose episodes to submit, with season and episodes") SeriesRequest series,
        @Schema(description = "The season of the episodes") Integer season,
        @Schema(description = "The episodes, from and to included") EpisodeRange episodes,
        @Schema(description = "Videos to submit as they are, after the episodes") List<VideoRequest> videos,
        @Schema(description = "As in POST /jobs", examples = "es") String language,
        @Schema(description = "As in POST /jobs") List<String> preferredProviders,
        @Schema(description = "As in POST /jobs: srt (default) or vtt") String format,
        @Schema(description = "As in POST /jobs") Boolean hearingImpaired,
        @Schema(description = "As in POST /jobs: high, normal (default) or low, for every job of the batch") String priority) {

    /** The series a season's episodes belong to: what each episode's video has in common. */
    public record SeriesRequest(String title, Integer year, String imdbId, Integer tmdbId) {
    }

    /** Episode numbers, both included. */
    public record EpisodeRange(Integer from, Integer to) {
    }
}
