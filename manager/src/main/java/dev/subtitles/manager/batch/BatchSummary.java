package dev.subtitles.manager.batch;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A batch in a listing: what was asked, without its jobs' phases (read them at {@code links.self}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchSummary(UUID id, Instant createdAt, BatchRequest.SeriesRequest series, Integer season,
        String language, String format, int size, BatchView.Links links) {

    static BatchSummary of(Batch batch) {
        return new BatchSummary(batch.id(), batch.createdAt(), batch.series(), batch.season(), batch.language(),
                batch.format(), batch.size(), BatchView.links(batch.id()));
    }
}
