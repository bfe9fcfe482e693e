package dev.subtitles.e2e.chaos;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.subtitles.common.phase.JobPhase;

/**
 * Everything the chaos suite saw of one job during a scenario, for {@link ChaosChecker}.
 *
 * @param jobId the job
 * @param published the events seen on the broker by the tap, in arrival order (redeliveries of one event included)
 * @param history the job's audit trail as {@code GET /jobs/{id}/events} answered at the end, any order
 * @param eventCount the trail's own count of events ({@code eventCount} of the answer), 0 if it had none
 * @param polledPhases the phases {@code GET /jobs/{id}} answered, in the order polled (answers without a job left out)
 * @param finalPhase the phase at the end, or {@code null} if the manager did not know the job
 * @param promised a phase the API promised for the end, such as {@code CANCELLED} after a DELETE answered 202
 */
public record JobObservation(UUID jobId, List<ObservedEvent> published, List<ObservedEvent> history, long eventCount,
        List<JobPhase> polledPhases, JobPhase finalPhase, Optional<JobPhase> promised) {

    public JobObservation {
        published = List.copyOf(published);
        history = List.copyOf(history);
        polledPhases = List.copyOf(polledPhases);
    }
}
