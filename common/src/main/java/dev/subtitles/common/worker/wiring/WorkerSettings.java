package dev.subtitles.common.worker.wiring;

import java.time.Duration;

import dev.subtitles.common.messaging.Topology;
import io.smallrye.config.WithDefault;

/**
 * The settings every worker has, under its own prefix: each worker's {@code @ConfigMapping} extends this interface
 * ({@code downloader.retry.max-attempts}, {@code translator.retry.max-attempts}), so the same setting has the same
 * name in both. A setting without a default here differs between the workers; each sets it in its
 * {@code application.properties}.
 */
public interface WorkerSettings {

    /** This instance's name in the {@code source} of the events it publishes and in logs; instances must differ. */
    String instance();

    /** Where requests come from and events go. */
    Messaging messaging();

    /** How transient failures are retried. */
    Retry retry();

    /** Bounds on every wait on the broker, and the watchdog of the consumer's progress. */
    Delivery delivery();

    interface Messaging {

        /** The topic exchange every event is published to (docs/topology.md). */
        @WithDefault(Topology.EXCHANGE)
        String exchange();

        /**
         * The work queue this worker consumes normal requests from; the queues of the other priorities
         * ({@code <queue>.high}, {@code <queue>.low}), the delay queues and the DLQs are named after it.
         */
        String queue();

        /** The dead-letter exchange the work queue's DLQ ({@code <queue>.dlq}) is bound to. */
        @WithDefault(Topology.DEAD_LETTER_EXCHANGE)
        String deadLetterExchange();
    }

    interface Retry {

        /** Attempts of one job, the first included; after the last one a transient failure fails the job. */
        @WithDefault("5")
        int maxAttempts();

        /** The delay before the second attempt; each further delay doubles, up to {@link #maxDelay()}. */
        Duration initialDelay();

        /** The longest delay between two attempts (before jitter). */
        @WithDefault("10M")
        Duration maxDelay();

        /** Share of each delay drawn at random (0 = none, 0.2 = up to 20 % shorter), so retries do not align. */
        double jitter();
    }

    interface Delivery {

        /** The longest a publish waits for the broker's confirm, and an ack or nack for its channel. */
        @WithDefault("10S")
        Duration confirmTimeout();

        /**
         * The longest one delivery may be handled; a longer one is failed and goes back to the queue. Longer than the
         * slowest attempt of the worker's job.
         */
        Duration maxDeliveryTime();

        /** How long messages may wait on the queue while this consumer receives nothing before it is restarted. */
        @WithDefault("60S")
        Duration stallAfter();

        /** How often the watchdog counts the messages waiting on the queue. */
        @WithDefault("10S")
        Duration checkInterval();
    }
}
