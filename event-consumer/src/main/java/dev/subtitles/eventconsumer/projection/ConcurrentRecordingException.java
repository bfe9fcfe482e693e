package dev.subtitles.eventconsumer.projection;

/**
 * Another instance recorded one of the batch's events between our look-up and our insert (the same message
 * delivered twice, e.g. after a consumer crash). The transaction is rolled back so no sequence number is wasted;
 * trying again finds the event recorded.
 */
public class ConcurrentRecordingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConcurrentRecordingException(int expected, int found) {
        super("found " + found + " of " + expected + " events after recording: another instance recorded the others"
                + " first");
    }
}
