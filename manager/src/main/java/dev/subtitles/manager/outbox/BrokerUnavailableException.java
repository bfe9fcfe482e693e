package dev.subtitles.manager.outbox;

/** The broker could not be reached or did not confirm a batch; the batch stays unsent and is retried. */
public class BrokerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
