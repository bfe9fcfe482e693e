package dev.subtitles.translator.messaging;

/**
 * Names of the translator's messaging channels, as configured in {@code application.properties}. Outputs (events,
 * retries, dead letters) do not go through a connector channel but through {@code ConfirmedPublisher}.
 */
public final class Channels {

    /** Incoming: {@code subtitle.translate.requested} from the work queue. */
    public static final String REQUESTS = "translate-requests";
    /** The name of the translator's publishing connection, as the broker shows it. */
    public static final String PUBLISHER_CONNECTION = "translator-publisher";

    private Channels() {
    }
}
