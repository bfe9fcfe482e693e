package dev.subtitles.eventconsumer.projection;

/**
 * Another instance recorded one of the batch's events between our look-up and our insert (the same message
 * delivered twice, e.g. after a consumer crash). The recording statement failed and was rolled back so no sequence
 * number is wasted; trying again finds the event recorded.
 */
public class ConcurrentRecordingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param cause the serialization failure PostgreSQL raised, which says how many events were missing */
    public ConcurrentRecordingException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
