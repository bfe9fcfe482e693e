package dev.subtitles.downloader.messaging;

/**
 * Names of the downloader's messaging channels, as configured in {@code application.properties}. Outputs (events,
 * retries, dead letters) do not go through a connector channel but through {@code ConfirmedPublisher}.
 */
public final class Channels {

    /** Incoming: {@code subtitle.download.requested} from the work queue. */
    public static final String REQUESTS = "download-requests";
    /** The name of the downloader's publishing connection, as the broker shows it. */
    public static final String PUBLISHER_CONNECTION = "downloader-publisher";

    private Channels() {
    }
}
