package dev.subtitles.common.event.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Payload of {@code job.cancel.requested}: someone asked to cancel the job; a worker confirms with
 * {@code job.cancelled}.
 *
 * @param reason why, for the job's history
 */
public record CancelRequested(@JsonProperty(required = true) String reason) implements EventPayload {

    public CancelRequested {
        Require.nonBlank(reason, "reason");
    }
}
