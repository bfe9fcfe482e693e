package dev.subtitles.manager.batch;

import java.util.UUID;

/** A batch's archive asked for while none of its jobs is done (409 {@code batch-not-done}). */
public class NothingDoneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NothingDoneException(UUID batchId) {
        super("no job of batch " + batchId + " is done yet: its archive holds the files of the done ones");
    }
}
