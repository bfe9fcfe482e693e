package dev.subtitles.manager.service;

import java.util.UUID;

import dev.subtitles.common.phase.JobPhase;

/** The job is already in a terminal phase, so it cannot be cancelled any more. */
public class JobFinishedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JobFinishedException(UUID id, JobPhase phase) {
        super("job " + id + " is already " + phase + " and cannot be cancelled");
    }
}
