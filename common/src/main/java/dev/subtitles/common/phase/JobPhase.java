package dev.subtitles.common.phase;

/**
 * Where a job stands (docs/phases.md). The projection only ever moves a job to a phase of higher {@link #rank()}, and
 * never out of a terminal phase.
 */
public enum JobPhase {

    DOWNLOAD_QUEUED(0, false),
    DOWNLOAD_IN_PROGRESS(1, false),
    TRANSLATE_QUEUED(2, false),
    TRANSLATE_IN_PROGRESS(3, false),
    DONE(4, true),
    FAILED(4, true),
    CANCELLED(4, true);

    private final int rank;
    private final boolean terminal;

    JobPhase(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    /** {@code true} for the phases a job never leaves: {@link #DONE}, {@link #FAILED}, {@link #CANCELLED}. */
    public boolean isTerminal() {
        return terminal;
    }

    /**
     * Position in the order of progress, from 0 for {@link #DOWNLOAD_QUEUED}; the terminal phases share the highest
     * rank, as any of them ends the job.
     */
    public int rank() {
        return rank;
    }
}
