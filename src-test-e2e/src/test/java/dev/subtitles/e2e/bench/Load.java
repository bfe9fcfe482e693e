package dev.subtitles.e2e.bench;

import java.util.List;

/** How the benchmark offers its jobs to the manager. */
interface Load {

    /** Submits {@code jobs} jobs; returns once each was submitted (and, in a closed loop, ended or timed out). */
    List<Submission> offer(int jobs) throws InterruptedException;
}
