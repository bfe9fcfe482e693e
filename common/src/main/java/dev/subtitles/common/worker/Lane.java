package dev.subtitles.common.worker;

import dev.subtitles.common.event.payload.Priority;

/**
 * One priority's consumer in a worker: the connector channel that consumes the priority's work queue, and the
 * delivery machinery bound to that queue alone. Its own settlement, so that recovering a stalled lane aborts only
 * its own consumer connections; its own watchdog, which counts the messages waiting on its queue; its own deliveries,
 * which dead-letter into its queue's DLQ (a message that cannot be decoded has no priority to go by).
 *
 * @param channel the incoming channel of the messaging connector ({@code requests}, {@code requests-high} ...)
 * @param queue the work queue the channel consumes
 */
public record Lane(Priority priority, String channel, String queue, DeliverySettlement settlement,
        ProgressWatchdog watchdog, WorkerDeliveries deliveries) {
}
