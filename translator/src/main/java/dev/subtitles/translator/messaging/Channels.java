package dev.subtitles.translator.messaging;

/** Names of the translator's messaging channels, as configured in {@code application.properties}. */
public final class Channels {

    /** Incoming: {@code subtitle.translate.requested} from the work queue. */
    public static final String REQUESTS = "translate-requests";
    /** Outgoing: events to the topic exchange, routing key = event type. */
    public static final String EVENTS = "translator-events";
    /** Outgoing: delayed retries, through the default exchange straight into a delay queue. */
    public static final String RETRIES = "translate-retries";
    /** Outgoing: undecodable messages, through the default exchange straight into the DLQ. */
    public static final String DEAD_LETTERS = "translate-dead-letters";

    private Channels() {
    }
}
