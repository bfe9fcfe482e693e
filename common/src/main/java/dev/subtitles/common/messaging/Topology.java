package dev.subtitles.common.messaging;

import dev.subtitles.common.event.payload.Priority;

/**
 * Names of the RabbitMQ topology of docs/topology.md, in one place for code, configuration and tests.
 * Services read the names they use from configuration (so a test can isolate its own); these are the defaults.
 */
public final class Topology {

    /** The durable topic exchange every event is published to, with routing key = event type. */
    public static final String EXCHANGE = "subtitle.events";
    /** The dead-letter exchange shared by all work queues. */
    public static final String DEAD_LETTER_EXCHANGE = "subtitle.events.dlx";
    /** Suffix of the dead-letter queue of each work queue. */
    public static final String DEAD_LETTER_QUEUE_SUFFIX = ".dlq";
    /** Header that carries why a message was dead-lettered by our code. */
    public static final String DEAD_LETTER_REASON_HEADER = "x-dead-letter-reason";

    public static final String DOWNLOADER_QUEUE = "downloader.requests";
    public static final String TRANSLATOR_QUEUE = "translator.requests";
    public static final String PROJECTION_QUEUE = "event-consumer.projection";
    /** The downloader's queue of searches for better subtitles of done jobs, apart from its work queue. */
    public static final String DOWNLOADER_UPGRADES_QUEUE = "downloader.upgrades";

    /** Routing patterns of the projection queue: every subtitle and job event. */
    public static final String PROJECTION_BINDINGS = "subtitle.#,job.#";

    /**
     * The work queue of {@code priority} of a stage whose normal queue is {@code queue}: {@code queue} itself for
     * normal, {@code <queue>.high} and {@code <queue>.low} for the others, each bound to the request type with the
     * same suffix ({@code JobEvent#routingKey()}).
     */
    public static String workQueue(String queue, Priority priority) {
        return queue + priority.suffix();
    }

    private Topology() {
    }
}
