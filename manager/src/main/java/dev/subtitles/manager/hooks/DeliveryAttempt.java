package dev.subtitles.manager.hooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to post an event to a hook.
 *
 * @param eventId the event's id, also the {@code Webhook-Id} header
 * @param attempt the attempt's number for this event, from 1
 * @param outcome {@code delivered} (a 2xx answer) or {@code failed}
 * @param statusCode the receiver's status, or {@code null} when none came
 * @param error why it failed ({@code HTTP 503}, {@code no answer within PT10S}, {@code cannot connect: …}), or
 *        {@code null}
 * @param latencyMs from sending to the answer, or to giving up
 */
public record DeliveryAttempt(UUID eventId, String eventType, int attempt, String outcome, Integer statusCode,
        String error, int latencyMs, Instant attemptedAt) {
}
