package dev.subtitles.common.event.payload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Payload of {@code job.retry.scheduled}: an attempt failed with a transient error and will be retried
 * (docs/events.md).
 * <p>
 * {@code attempt} is the attempt that failed, in every worker ({@code dev.subtitles.common.worker.AttemptOutputs}):
 * attempts count from 1, the retry is attempt {@code attempt + 1} and runs at {@code nextAttemptAt}, and the event's id
 * derives from the failed attempt, so a redelivery of that attempt publishes the same event again.
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
