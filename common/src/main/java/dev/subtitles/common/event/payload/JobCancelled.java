package dev.subtitles.common.event.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Payload of {@code job.cancelled}: the job is cancelled and no further work will be done for it.
 *
 * @param reason why, for the job's history
 */
public record JobCancelled(@JsonProperty(required = true) String reason) implements EventPayload {

    public JobCancelled {
        Require.nonBlank(reason, "reason");
    }
}
