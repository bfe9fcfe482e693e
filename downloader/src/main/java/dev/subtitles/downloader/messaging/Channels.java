package dev.subtitles.downloader.messaging;

/** Names of the downloader's messaging channels, as configured in {@code application.properties}. */
public final class Channels {

    /** Incoming: {@code subtitle.download.requested} from the work queue. */
    public static final String REQUESTS = "download-requests";
    /** Outgoing: events to the topic exchange, routing key = event type. */
    public static final String EVENTS = "job-events";
    /** Outgoing: delayed retries, through the default exchange straight into a delay queue. */
    public static final String RETRIES = "download-retries";
    /** Outgoing: undecodable messages, through the default exchange straight into the DLQ. */
    public static final String DEAD_LETTERS = "download-dead-letters";

    private Channels() {
    }
}
