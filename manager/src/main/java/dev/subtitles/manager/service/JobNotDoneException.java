package dev.subtitles.manager.service;

import java.util.UUID;

import dev.subtitles.common.phase.JobPhase;

/** The job has no result to return yet (or will never have one). */
public class JobNotDoneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobNotDoneException(UUID id, JobPhase phase) {
        super("job " + id + " is " + phase + "; its subtitle is available once it is DONE");
    }
}
