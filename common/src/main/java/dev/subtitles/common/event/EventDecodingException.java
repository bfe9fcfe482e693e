package dev.subtitles.common.event;

/**
 * A message body is not an event of our contract. Its message says what is wrong, so that it can go with the
 * message to the dead-letter queue as the reason.
 */
public class EventDecodingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventDecodingException(String message) {
        super(message);
    }

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
