package dev.subtitles.manager.service;

import java.util.Map;

import dev.subtitles.common.phase.JobPhase;

/**
 * How many of the newest jobs are in each phase.
 *
 * @param counts every phase, in the order of the state machine, with its count (0 included)
 * @param examined how many jobs were counted: the newest ones, at most {@code manager.jobs.phase-filter-scan-limit}
 * @param complete whether those were all the jobs there are
 */
public record PhaseCounts(Map<JobPhase, Integer> counts, int examined, boolean complete) {
}
