package dev.subtitles.eventconsumer.messaging;

/** Names of the messaging channels, configured under {@code mp.messaging.*.<name>} in application.properties. */
public final class Channels {

    /** Incoming: every event, from the projection queue. */
    public static final String PROJECTION = "projection";
    /** The client-provided name of the connection the event-consumer publishes on (ConfirmedPublisher). */
    public static final String PUBLISHER_CONNECTION = "event-consumer-publisher";

    private Channels() {
    }
}
