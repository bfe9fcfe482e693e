package dev.subtitles.e2e.bench;

import java.util.Optional;
import java.util.UUID;

import dev.subtitles.e2e.chaos.JobKind;

/**
 * One {@code POST /jobs} of the benchmark, times from {@link System#nanoTime()}.
 *
 * @param job the accepted job's id; empty when the manager did not accept it (no answer, or not 202)
 * @param kind what was asked for
 * @param startNanos from when the job's submit → terminal time counts: when the request was sent (closed loop), or
 *        when the schedule said it should be (open loop, so that a slow manager delays the clock, not the
 *        measurement)
 * @param sentNanos when the request was sent
 * @param answeredNanos when the answer was read
 */
record Submission(Optional<UUID> job, JobKind kind, long startNanos, long sentNanos, long answeredNanos) {

    boolean accepted() {
        return job.isPresent();
    }

    long httpNanos() {
        return answeredNanos - sentNanos;
    }
}
