package dev.subtitles.manager.service;

/**
 * The outcome of a submission.
 *
 * @param job the job
 * @param created {@code true} for a new job, {@code false} when an {@code Idempotency-Key} replayed an earlier one
 */
public record Submission(JobView job, boolean created) {
}
