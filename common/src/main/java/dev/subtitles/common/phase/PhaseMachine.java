package dev.subtitles.common.phase;

import java.util.Optional;

import dev.subtitles.common.event.EventType;

/**
 * The job phase state machine of DESIGN.md §5, as pure functions of the current phase and the event type.
 * <p>
 * Events arrive at least once and possibly out of order, so {@link #apply(JobPhase, EventType)} is monotonic: it
 * moves a job only forward and never out of a terminal phase. The result therefore depends on which events were
 * seen, not on their order, as long as a job's history has one terminal event, and a duplicate changes nothing.
 * Stateless: all methods are static.
 */
public final class PhaseMachine {

    private PhaseMachine() {
    }

    /**
     * The phase an event of this type leads to, or empty for the types that do not change the phase:
     * {@code job.retry.scheduled} (the job stays where it is until the retry starts) and {@code job.cancel.requested}
     * (a request, not yet a cancellation: the job is cancelled when a worker confirms with {@code job.cancelled}).
     */
    public static Optional<JobPhase> phaseAfter(EventType type) {
        return Optional.ofNullable(switch (type) {
            case DOWNLOAD_REQUESTED -> JobPhase.DOWNLOAD_QUEUED;
            case DOWNLOAD_STARTED -> JobPhase.DOWNLOAD_IN_PROGRESS;
            case TRANSLATE_REQUESTED -> JobPhase.TRANSLATE_QUEUED;
            case TRANSLATE_STARTED -> JobPhase.TRANSLATE_IN_PROGRESS;
            case SUBTITLE_READY, TRANSLATED -> JobPhase.DONE;
            case JOB_FAILED -> JobPhase.FAILED;
            case JOB_CANCELLED -> JobPhase.CANCELLED;
            case RETRY_SCHEDULED, CANCEL_REQUESTED -> null;
        });
    }

    /**
     * The phase of a job in {@code current} after an event of {@code type}: the event's phase if that is further
     * along, otherwise {@code current} unchanged. A terminal phase never changes; {@code FAILED} and
     * {@code CANCELLED} are reached from any non-terminal phase.
     * <p>
     * {@code current} is {@code null} for a job not seen before, which happens when its first events are late: the
     * result is then the event's phase (a first-seen {@code subtitle.download.started} gives
     * {@code DOWNLOAD_IN_PROGRESS}), or {@code DOWNLOAD_QUEUED} for an event that does not set a phase, since a job
     * that has events was at least requested. Never returns {@code null}.
     */
    public static JobPhase apply(JobPhase current, EventType type) {
        Optional<JobPhase> next = phaseAfter(type);
        if (current == null) {
            return next.orElse(JobPhase.DOWNLOAD_QUEUED);
        }
        if (current.isTerminal() || next.isEmpty() || next.get().rank() <= current.rank()) {
            return current;
        }
        return next.get();
    }
}
