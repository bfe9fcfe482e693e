package dev.subtitles.downloader.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The downloader's settings for its deliveries and outputs: bounds on every wait on the broker, the progress
 * watchdog.
 */
@ConfigMapping(prefix = "downloader-delivery")
public interface DeliveryConfig {

    /** The longest a publish waits for the broker's confirm, and an ack or nack for its channel. */
    @WithDefault("10S")
    Duration confirmTimeout();

    /**
     * The longest one delivery may be handled; a longer one is failed and goes back to the queue. Longer than the
     * slowest search (every provider's timeout, in order).
     */
    @WithDefault("5M")
    Duration maxDeliveryTime();

    /** How long messages may wait on the queue while this consumer receives nothing before it is restarted. */
    @WithDefault("60S")
    Duration stallAfter();

    /** How often the watchdog counts the messages waiting on the queue. */
    @WithDefault("10S")
    Duration checkInterval();
}
