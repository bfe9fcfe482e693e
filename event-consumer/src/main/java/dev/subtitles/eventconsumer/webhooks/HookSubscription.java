package dev.subtitles.eventconsumer.webhooks;

import java.util.Set;
import java.util.UUID;

/**
 * An enabled hook as the fan-out matches events against it.
 *
 * @param eventTypes the CloudEvent types it wants; {@value #EVERY_TYPE} for all of them
 */
record HookSubscription(UUID id, String tenant, Set<String> eventTypes) {

    /** The event type that stands for every type. */
    static final String EVERY_TYPE = "*";

    HookSubscription {
        eventTypes = Set.copyOf(eventTypes);
    }

    boolean wants(String type) {
        return eventTypes.contains(type) || eventTypes.contains(EVERY_TYPE);
    }
}
