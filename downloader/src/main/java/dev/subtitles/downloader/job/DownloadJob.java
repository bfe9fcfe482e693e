package dev.subtitles.downloader.job;

import java.util.UUID;

import dev.subtitles.common.event.payload.DownloadRequested;

/**
 * One attempt at a download job.
 *
 * @param jobId the job
 * @param request what the user asked for
 * @param attempt 1 for the first attempt
 * @param lastAttempt whether no retry follows this attempt, so a fallback is better than waiting
 */
public record DownloadJob(UUID jobId, DownloadRequested request, int attempt, boolean lastAttempt) {
}
