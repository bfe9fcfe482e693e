package dev.subtitles.manager.batch;

/**
 * No batch with that id in the caller's tenant (404 {@code batch-not-found}): unknown, malformed and another tenant's
 * ids fail alike, with the same message.
 */
public class BatchNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BatchNotFoundException(String id) {
        super("no batch with id '" + id + "'");
    }
}
