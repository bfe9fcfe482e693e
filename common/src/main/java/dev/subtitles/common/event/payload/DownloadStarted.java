package dev.subtitles.common.event.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Payload of {@code subtitle.download.started}: a downloader instance took the job.
 *
 * @param attempt 1 for the first attempt, one more for every retry
 * @param instance the downloader instance working on it
 */
public record DownloadStarted(
        @JsonProperty(required = true) int attempt,
        @JsonProperty(required = true) String instance) implements EventPayload {

    public DownloadStarted {
        Require.atLeast(attempt, 1, "attempt");
        Require.nonBlank(instance, "instance");
    }
}
