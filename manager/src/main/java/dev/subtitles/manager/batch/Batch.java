package dev.subtitles.manager.batch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored batch (table {@code manager.batch}) with its jobs in batch order.
 *
 * @param series what the request named as series, or {@code null}
 * @param season the season of the episodes, or {@code null}
 * @param size how many jobs it was submitted with
 * @param members its jobs still stored (the retention deletes jobs, not batches), in batch order; empty in listings
 */
record Batch(UUID id, Instant createdAt, BatchRequest.SeriesRequest series, Integer season, String language,
        String format, int size, List<Member> members) {

    /** One job of a batch: what names its file in the batch's archive. */
    record Member(UUID id, String title, Integer season, Integer episode) {
    }
}
