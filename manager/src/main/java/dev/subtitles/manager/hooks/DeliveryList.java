package dev.subtitles.manager.hooks;

import java.util.List;

/** The answer of {@code GET /hooks/{id}/deliveries}: the hook's latest attempts, newest first. */
public record DeliveryList(List<DeliveryAttempt> deliveries) {
}
