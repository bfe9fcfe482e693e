package dev.subtitles.common.event.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Payload of {@code job.failed}: the job ended without a subtitle.
 *
 * @param stage the stage that failed
 * @param errorCode a stable, machine-readable code (one of {@link ErrorCode}, e.g. {@code SUBTITLE_NOT_FOUND})
 * @param message what happened, worded for the user
 */
public record JobFailed(
        @JsonProperty(required = true) Stage stage,
        @JsonProperty(required = true) String errorCode,
        @JsonProperty(required = true) String message) implements EventPayload {

    public JobFailed {
        Require.present(stage, "stage");
        Require.nonBlank(errorCode, "errorCode");
        Require.nonBlank(message, "message");
    }
}
