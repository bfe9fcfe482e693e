package dev.subtitles.common.phase;

import java.util.Optional;

import dev.subtitles.common.event.EventType;

/**
 * The job phase state machine of docs/phases.md, as pure functions of the current phase and the event type.
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
     * The phase an event of this type leads to, or empty for {@code job.retry.scheduled} (the job stays where it is
     * until the retry starts) and for the events of a done job's upgrades ({@link #followsEnd}), which leave it
     * {@code DONE}.
     * <p>
     * {@code job.cancel.requested} leads to {@code CANCELLED} at once. The manager no longer publishes it (a
     * cancellation is decided once and announced with {@code job.cancelled}), but histories recorded before still
     * hold it.
     */
    public static Optional<JobPhase> phaseAfter(EventType type) {
        return Optional.ofNullable(switch (type) {
            case DOWNLOAD_REQUESTED -> JobPhase.DOWNLOAD_QUEUED;
            case DOWNLOAD_STARTED -> JobPhase.DOWNLOAD_IN_PROGRESS;
            case TRANSLATE_REQUESTED -> JobPhase.TRANSLATE_QUEUED;
            case TRANSLATE_STARTED -> JobPhase.TRANSLATE_IN_PROGRESS;
            case SUBTITLE_READY, TRANSLATED -> JobPhase.DONE;
            case JOB_FAILED -> JobPhase.FAILED;
            case CANCEL_REQUESTED, JOB_CANCELLED -> JobPhase.CANCELLED;
            case RETRY_SCHEDULED, UPGRADE_REQUESTED, SUBTITLE_UPGRADED, UPGRADE_CHECKED -> null;
        });
    }

    /**
     * Whether an event of this type only ever follows a job's end: the search for a better subtitle of a done job and
     * its outcome ({@code subtitle.upgrade.requested}, {@code subtitle.upgraded}, {@code subtitle.upgrade.checked}).
     */
    public static boolean followsEnd(EventType type) {
        return type == EventType.UPGRADE_REQUESTED || type == EventType.SUBTITLE_UPGRADED
                || type == EventType.UPGRADE_CHECKED;
    }

    /**
     * The phase of a job in {@code current} after an event of {@code type}: the event's phase if that is further
     * along, otherwise {@code current} unchanged. A terminal phase never changes; {@code FAILED} and
     * {@code CANCELLED} are reached from any non-terminal phase.
     * <p>
     * {@code current} is {@code null} for a job not seen before, which happens when its first events are late: the
     * result is then the event's phase (a first-seen {@code subtitle.download.started} gives
     * {@code DOWNLOAD_IN_PROGRESS}), or {@code DOWNLOAD_QUEUED} for a retry, which sets no phase, since a job
     * that has events was at least requested.
     * <p>
     * The one {@code null} result: a job not seen before whose event {@link #followsEnd}. Such an event comes up to
     * weeks after the job ended, when its projection has expired, and says only that the job was done, not with what:
     * the phase stays unknown, so that readers take the job's state from its event log rather than from a view that
     * shows {@code DONE} without its result.
     */
    public static JobPhase apply(JobPhase current, EventType type) {
        Optional<JobPhase> next = phaseAfter(type);
        if (current == null) {
            return followsEnd(type) ? null : next.orElse(JobPhase.DOWNLOAD_QUEUED);
        }
        if (current.isTerminal() || next.isEmpty() || next.get().rank() <= current.rank()) {
            return current;
        }
        return next.get();
    }
}
