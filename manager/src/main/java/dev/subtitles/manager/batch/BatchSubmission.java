package dev.subtitles.manager.batch;

/**
 * The outcome of a batch submission.
 *
 * @param batch the batch
 * @param created {@code true} for a new batch, {@code false} when an {@code Idempotency-Key} replayed an earlier one
 */
public record BatchSubmission(BatchView batch, boolean created) {
}
