package dev.subtitles.translator.job;

import java.util.UUID;

import dev.subtitles.common.outcome.JobOutcomes.Outcome;

/**
 * The job ended otherwise while the translator worked on it (cancelled by a user, timed out by the manager): the work
 * stops, nothing more is stored or published, and the request is acked.
 */
public class JobEndedElsewhereException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobEndedElsewhereException(UUID jobId, Outcome outcome) {
        super("job " + jobId + " ended as " + outcome);
    }
}
