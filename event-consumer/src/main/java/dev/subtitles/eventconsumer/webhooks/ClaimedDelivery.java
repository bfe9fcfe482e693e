package dev.subtitles.eventconsumer.webhooks;

import java.util.UUID;

/**
 * A delivery this instance holds for one attempt, with what posting it needs.
 *
 * @param body the CloudEvent in structured JSON, as it was on the broker
 * @param attempt the number of this attempt, from 1
 */
record ClaimedDelivery(UUID hookId, UUID eventId, String eventType, byte[] body, int attempt, String url,
        String secret) {
}
