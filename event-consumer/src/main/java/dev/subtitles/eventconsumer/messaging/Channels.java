package dev.subtitles.eventconsumer.messaging;

/** Names of the messaging channels, configured under {@code mp.messaging.*.<name>} in application.properties. */
public final class Channels {

    /** Incoming: every event, from the projection queue. */
    public static final String PROJECTION = "projection";
    /** Outgoing: copies of undecodable messages to the dead-letter exchange. */
    public static final String DEAD_LETTERS = "dead-letters";

    private Channels() {
    }
}
