package dev.subtitles.translator.engine;

/**
 * The engine answered, but the answer cannot be matched text for text to the batch (a language model dropped,
 * merged or renumbered cues, or the reply is not the expected shape). Smaller batches usually fix it, so the
 * translator splits the batch and tries again; a single text that still fails is a transient failure of the job.
 */
public class MalformedReplyException extends TransientEngineException {

    private static final long serialVersionUID = 1L;

    public MalformedReplyException(String message) {
        super(message, null);
    }

    public MalformedReplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
