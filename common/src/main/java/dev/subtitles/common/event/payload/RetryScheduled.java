package dev.subtitles.common.event.payload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Payload of {@code job.retry.scheduled}: an attempt failed with a transient error and will be retried.
 *
 * @param stage the stage that failed
 * @param attempt number of the attempt that failed (the retry will be attempt {@code attempt + 1})
 * @param nextAttemptAt when the retry is due
 * @param error what went wrong, for people reading the job's history
 */
public record RetryScheduled(
        @JsonProperty(required = true) Stage stage,
        @JsonProperty(required = true) int attempt,
        @JsonProperty(required = true) Instant nextAttemptAt,
        @JsonProperty(required = true) String error) implements EventPayload {

    public RetryScheduled {
        Require.present(stage, "stage");
        Require.atLeast(attempt, 1, "attempt");
        Require.present(nextAttemptAt, "nextAttemptAt");
        Require.nonBlank(error, "error");
    }
}
