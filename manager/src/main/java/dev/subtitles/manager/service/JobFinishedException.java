package dev.subtitles.manager.service;

import java.util.UUID;

import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.common.phase.JobPhase;

/** The job ended, or its end is decided otherwise, so it cannot be cancelled any more. */
public class JobFinishedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The projection shows the job in a terminal phase. */
    public JobFinishedException(UUID id, JobPhase phase) {
        super("job " + id + " is already " + phase + " and cannot be cancelled");
    }

    /** Another party decided how the job ends before the cancellation could. */
    public JobFinishedException(UUID id, Outcome outcome) {
        super(switch (outcome) {
            case FINISHED -> "job " + id + " is already finishing: a worker holds its result (or its failure) and it"
                    + " ends with that; it was not cancelled";
            case TIMED_OUT -> "job " + id + " passed its deadline and ends as FAILED; it was not cancelled";
            case CANCELLED -> "job " + id + " is already cancelled";
        });
    }
}
