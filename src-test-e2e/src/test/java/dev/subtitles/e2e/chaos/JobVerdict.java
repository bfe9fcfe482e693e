package dev.subtitles.e2e.chaos;

import java.util.List;
import java.util.UUID;

/**
 * {@link ChaosChecker}'s findings about one job: each flag is one way a fault can hurt a job; {@code details} says
 * what was seen, for the report.
 *
 * @param lost accepted, but no event of it was ever seen
 * @param stuck events seen, but no end (no terminal event in its trail, or a phase that is not terminal)
 * @param duplicatedTerminal two or more terminal events with different ids
 * @param duplicatedWork one step run twice: the same event type (and attempt) twice with different ids
 * @param seqGap the trail's sequence numbers are not exactly 1..eventCount
 * @param regression the polled phase went backwards, or changed after a terminal phase
 * @param wrongFinalPhase the final phase disagrees with the terminal event, or with what the API promised
 */
public record JobVerdict(UUID jobId, boolean lost, boolean stuck, boolean duplicatedTerminal,
        boolean duplicatedWork, boolean seqGap, boolean regression, boolean wrongFinalPhase, List<String> details) {

    public JobVerdict {
        details = List.copyOf(details);
    }

    /** {@code true} when no flag is set. */
    public boolean held() {
        return !lost && !stuck && !duplicatedTerminal && !duplicatedWork && !seqGap && !regression
                && !wrongFinalPhase;
    }
}
