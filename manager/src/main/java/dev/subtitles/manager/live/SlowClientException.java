package dev.subtitles.manager.live;

/** A live client fell further behind than its buffer allows and is disconnected. */
public class SlowClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SlowClientException(int bufferSize) {
        super("client too slow: more than " + bufferSize + " events waiting to be sent");
    }
}
