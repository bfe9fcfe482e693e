package dev.subtitles.manager.batch;

/** A batch of more jobs than one batch may hold (422 {@code batch-too-large}). */
public class BatchTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BatchTooLargeException(int jobs, int maxJobs) {
        super("the batch holds " + jobs + " jobs, at most " + maxJobs + " are allowed: split it");
    }
}
