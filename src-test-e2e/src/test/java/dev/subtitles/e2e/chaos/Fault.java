package dev.subtitles.e2e.chaos;

import java.util.List;

/**
 * One kind of trouble, applied to a running stack while the scenario's jobs are in flight. {@link #apply} returns
 * once the fault is cleared (the process restarted, the link restored); the scenario then waits for the jobs to end
 * and asks the checker. A fault with checks of its own (answers, dead letters, restored histories) records what it
 * finds with {@link FaultContext#problem}.
 */
public interface Fault {

    /** The name in the table, such as {@code SIGKILL downloader}. */
    String name();

    /** How many jobs of the usual mix to submit before {@link #apply}; a fault that makes its own says 0. */
    default int jobs(int usual) {
        return usual;
    }

    /**
     * The services the fault acts on: restarted after a scenario that left jobs stuck, so that a wedged consumer does
     * not fail the faults after it.
     */
    default List<String> services() {
        return List.of();
    }

    /** Applies the fault and clears it; every wait in it is bounded. */
    void apply(FaultContext context) throws Exception;

    /** Checks made once every job ended (or the bound passed), before the checker runs; none by default. */
    default void verify(FaultContext context) throws Exception {
    }
}
