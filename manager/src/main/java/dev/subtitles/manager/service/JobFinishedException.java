package dev.subtitles.manager.service;

/** The job is already in a terminal phase, so it cannot be cancelled any more. */
public class JobFinishedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobFinishedException(java.util.UUID id, dev.subtitles.common.phase.JobPhase phase) {
        super("job " + id + " is already " + phase + " and cannot be cancelled");
    }
}
