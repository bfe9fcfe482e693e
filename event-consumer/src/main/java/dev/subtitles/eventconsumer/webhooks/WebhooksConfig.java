package dev.subtitles.eventconsumer.webhooks;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the event-consumer delivers events to the tenants' webhooks (docs/webhooks.md). The rest of the queue's settings
 * (prefetch, delivery limit) are on the messaging channel {@value WebhookListener#CHANNEL} in
 * {@code application.properties}.
 */
@ConfigMapping(prefix = "webhooks")
public interface WebhooksConfig {

    /**
     * The quorum queue the fan-out consumes, bound to every event (its dead-letter queue is {@code <queue>.dlq}); the
     * messaging channel reads it.
     */
    @WithDefault("event-consumer.webhooks")
    String queue();

    /**
     * Longest wait for a receiver: to connect, and for its answer once the event is sent. An answer that comes later
     * counts as a failed attempt, retried like any other.
     */
    @WithDefault("10s")
    Duration timeout();

    /** Attempts in progress at once in this instance, over all hooks. */
    @WithDefault("64")
    int concurrency();

    /**
     * Attempts in progress at once for one hook, over all instances: a slow or failing receiver holds at most this
     * many, whatever its backlog, and the other hooks' deliveries go on.
     */
    @WithDefault("4")
    int perHookConcurrency();

    /** How often due deliveries are looked for, besides right after an event was queued for a hook. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How often the list of enabled hooks is read again. An event is matched against the latest list, so a hook
     * receives the events published from at most this long after it was registered.
     */
    @WithDefault("5s")
    Duration hooksRefreshInterval();

    /**
     * A hook none of whose attempts succeeded since its first failure at least this long ago is disabled at its next
     * failure, with the reason; its pending deliveries are abandoned. Its owner can enable it again.
     */
    @WithDefault("24h")
    Duration disableAfter();

    /** The backoff between two attempts of one delivery. */
    Retry retry();

    /** Delivered and abandoned deliveries, and attempts, older than this are deleted. */
    @WithDefault("7d")
    Duration retention();

    /** How often the retention clean-up runs. */
    @WithDefault("1h")
    Duration retentionInterval();

    interface Retry {

        /** Pause after the first failed attempt; it doubles after each further failure up to {@link #maxDelay()}. */
        @WithDefault("10s")
        Duration initialDelay();

        /** Longest pause between two attempts of a delivery. */
        @WithDefault("1h")
        Duration maxDelay();

        /** Share of each pause, at most, taken off at random so that deliveries that failed together spread out. */
        @WithDefault("0.2")
        double jitter();
    }
}
