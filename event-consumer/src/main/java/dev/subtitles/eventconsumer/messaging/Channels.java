package dev.subtitles.eventconsumer.messaging;

/** Names of the messaging channels, configured under {@code mp.messaging.*.<name>} in application.properties. */
public final class Channels {

    /** Incoming: every event, from the projection queue. */
    public static final String PROJECTION = "projection";
    /** Outgoing: copies of messages given up on (undecodable, or unstorable) to the dead-letter exchange. */
    public static final String DEAD_LETTERS = "dead-letters";
    /** Outgoing: the events the event-consumer publishes itself (a {@code job.failed}) to the topic exchange. */
    public static final String EVENTS = "events";

    private Channels() {
    }
}
