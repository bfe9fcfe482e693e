package dev.subtitles.translator.job;

import java.util.UUID;

/** The job was cancelled while the translator worked on it: the work stops, and nothing more is stored. */
public class JobCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobCancelledException(UUID jobId) {
        super("job " + jobId + " was cancelled");
    }
}
