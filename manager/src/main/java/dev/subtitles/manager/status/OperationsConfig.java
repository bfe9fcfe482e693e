package dev.subtitles.manager.status;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The operators' status API and dead-letter tools under {@code /admin} (docs/operations.md). */
@ConfigMapping(prefix = "manager.status")
public interface OperationsConfig {

    /**
     * The work queues shown, each with its dead-letter queue {@code <queue>.dlq}; the dead-letter tools act on
     * these only. The same variables as the services that declare them.
     */
    @WithDefault("downloader.requests.high,downloader.requests,downloader.requests.low,translator.requests.high,"
            + "translator.requests,translator.requests.low,event-consumer.projection")
    List<String> queues();

    /**
     * Longest wait for the broker: one round of queue depth reads, and each step of a dead-letter operation (a
     * listing, a batch of requeued messages with its confirms).
     */
    @WithDefault("5s")
    Duration brokerTimeout();

    /** Most jobs of the last day examined for the outcome counts and charts (newest first). */
    @WithDefault("2000")
    int jobScanLimit();

    /**
     * How long one read of the last day's jobs answers every status request: the console refreshes every 5 s per
     * open page, and each read examines up to {@link #jobScanLimit()} jobs and their projected states.
     */
    @WithDefault("10s")
    Duration activityKeptFor();

    /** The dead-letter tools. */
    DeadLetters deadLetters();

    /** The dead-letter tools. */
    interface DeadLetters {

        /** Messages listed when the request names no {@code limit}. */
        @WithDefault("50")
        int defaultLimit();

        /** Most messages one listing returns, and most examined to find one message by id. */
        @WithDefault("500")
        int maxLimit();

        /** Most messages one "requeue all" moves (at most the queue's depth when it started). */
        @WithDefault("1000")
        int maxRequeue();
    }
}
