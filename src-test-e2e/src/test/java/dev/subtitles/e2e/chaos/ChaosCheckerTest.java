package dev.subtitles.e2e.chaos;

import static dev.subtitles.common.phase.JobPhase.CANCELLED;
import static dev.subtitles.common.phase.JobPhase.DONE;
import static dev.subtitles.common.phase.JobPhase.DOWNLOAD_IN_PROGRESS;
import static dev.subtitles.common.phase.JobPhase.DOWNLOAD_QUEUED;
import static dev.subtitles.common.phase.JobPhase.FAILED;
import static dev.subtitles.common.phase.JobPhase.TRANSLATE_IN_PROGRESS;
import static dev.subtitles.common.phase.JobPhase.TRANSLATE_QUEUED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.phase.JobPhase;

/** Each verdict of {@link ChaosChecker} on a synthetic history: quiet on a good one, firing on its own fault. */
class ChaosCheckerTest {

    private static final UUID JOB = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void foundJobWithGaplessTrailAndForwardPhasesHolds() {
        JobVerdict verdict = ChaosChecker.check(job(trail("subtitle.download.requested", "subtitle.download.started#1",
                "subtitle.ready"), List.of(DOWNLOAD_QUEUED, DOWNLOAD_IN_PROGRESS, DONE, DONE), DONE));

        assertThat(verdict.held()).as("%s", verdict.details()).isTrue();
        assertThat(verdict.details()).isEmpty();
    }

    @Test
    void translatedJobHoldsAlthoughItHasBothReadyAndTranslated() {
        JobVerdict verdict = ChaosChecker.check(job(trail("subtitle.download.requested", "subtitle.download.started#1",
                "subtitle.ready", "subtitle.translate.requested", "subtitle.translate.started#1",
                "subtitle.translated"), List.of(TRANSLATE_QUEUED, TRANSLATE_IN_PROGRESS, DONE), DONE));

        assertThat(verdict.held()).as("%s", verdict.details()).isTrue();
    }

    @Test
    void jobCancelledWhileQueuedHoldsWithoutAWorkersAcknowledgement() {
        JobVerdict verdict = ChaosChecker.check(job(trail("subtitle.download.requested", "job.cancel.requested"),
                List.of(DOWNLOAD_QUEUED, CANCELLED), CANCELLED));

        assertThat(verdict.held()).as("%s", verdict.details()).isTrue();
    }

    @Test
    void acceptedJobWithoutAnyEventIsLost() {
        JobVerdict verdict = ChaosChecker.check(job(List.of(), List.of(), DOWNLOAD_QUEUED));

        assertThat(verdict.lost()).isTrue();
        assertThat(verdict.stuck()).isFalse();
    }

    @Test
    void jobWithoutTerminalEventIsStuck() {
        JobVerdict verdict = ChaosChecker.check(job(trail("subtitle.download.requested", "subtitle.download.started#1"),
                List.of(DOWNLOAD_IN_PROGRESS), DOWNLOAD_IN_PROGRESS));

        assertThat(verdict.stuck()).isTrue();
        assertThat(onlyFlag(verdict)).isEqualTo("stuck");
    }

    @Test
    void terminalEventPublishedButNeverProjectedLeavesTheJobStuck() {
        List<ObservedEvent> trail = trail("subtitle.download.requested", "subtitle.download.started#1");
        List<ObservedEvent> published = new ArrayList<>(trail);
        published.add(ObservedEvent.published("f-1", "job.failed", null, "DOWNLOAD"));
        JobVerdict verdict = ChaosChecker.check(new JobObservation(JOB, published, trail, trail.size(),
                List.of(DOWNLOAD_IN_PROGRESS), DOWNLOAD_IN_PROGRESS, Optional.empty()));

        assertThat(onlyFlag(verdict)).isEqualTo("stuck");
    }

    @Test
    void twoTranslatedEventsWithDifferentIdsAreDuplicatedTerminalAndDuplicatedWork() {
        JobVerdict verdict = ChaosChecker.check(job(trail("subtitle.download.requested", "subtitle.download.started#1",
                "subtitle.translate.requested", "subtitle.translate.started#1", "subtitle.translated",
                "subtitle.translate.started#1", "subtitle.translated"), List.of(DONE), DONE));

        assertThat(verdict.duplicatedTerminal()).isTrue();
        assertThat(verdict.duplicatedWork()).isTrue();
        assertThat(verdict.details()).anyMatch(detail -> detail.contains("subtitle.translate.started attempt 1 x2"));
    }

    @Test
    void theSameEventRedeliveredIsNoDuplicate() {
        List<ObservedEvent> trail = trail("subtitle.download.requested", "subtitle.download.started#1",
                "subtitle.ready");
        List<ObservedEvent> published = new ArrayList<>(trail);
        published.addAll(trail);
        JobVerdict verdict = ChaosChecker.check(new JobObservation(JOB, published, trail, trail.size(),
                List.of(DONE), DONE, Optional.empty()));

        assertThat(verdict.held()).as("%s", verdict.details()).isTrue();
    }

    @Test
    void secondDownloadStartedForTheSameAttemptIsDuplicatedWork() {
        JobVerdict verdict = ChaosChecker.check(job(trail("subtitle.download.requested", "subtitle.download.started#1",
                "subtitle.download.started#1", "subtitle.ready"), List.of(DONE), DONE));

        assertThat(onlyFlag(verdict)).isEqualTo("duplicatedWork");
    }

    @Test
    void retryIntoTheNextAttemptIsNoDuplicatedWork() {
        JobVerdict verdict = ChaosChecker.check(job(trail("subtitle.download.requested", "subtitle.download.started#1",
                "job.retry.scheduled#2", "subtitle.download.started#2", "subtitle.ready"), List.of(DONE), DONE));

        assertThat(verdict.held()).as("%s", verdict.details()).isTrue();
    }

    @Test
    void missingSequenceNumberIsAGap() {
        List<ObservedEvent> trail = List.of(
                ObservedEvent.recorded(1, "e-1", "subtitle.download.requested", null, null),
                ObservedEvent.recorded(3, "e-3", "subtitle.ready", null, null));
        JobVerdict verdict = ChaosChecker.check(new JobObservation(JOB, trail, trail, 3, List.of(DONE), DONE,
                Optional.empty()));

        assertThat(onlyFlag(verdict)).isEqualTo("seqGap");
    }

    @Test
    void sequenceNumberGivenTwiceIsAGap() {
        List<ObservedEvent> trail = List.of(
                ObservedEvent.recorded(1, "e-1", "subtitle.download.requested", null, null),
                ObservedEvent.recorded(1, "e-2", "subtitle.ready", null, null));
        JobVerdict verdict = ChaosChecker.check(new JobObservation(JOB, trail, trail, 2, List.of(DONE), DONE,
                Optional.empty()));

        assertThat(verdict.seqGap()).isTrue();
    }

    @Test
    void polledPhaseGoingBackwardsIsARegression() {
        JobVerdict verdict = ChaosChecker.check(job(trail("subtitle.download.requested", "subtitle.download.started#1",
                "subtitle.ready"), List.of(DOWNLOAD_IN_PROGRESS, DOWNLOAD_QUEUED, DONE), DONE));

        assertThat(onlyFlag(verdict)).isEqualTo("regression");
    }

    @Test
    void polledPhaseLeavingATerminalPhaseIsARegression() {
        JobVerdict verdict = ChaosChecker.check(job(trail("subtitle.download.requested", "subtitle.download.started#1",
                "subtitle.ready"), List.of(DONE, CANCELLED, DONE), DONE));

        assertThat(verdict.regression()).isTrue();
    }

    @Test
    void cancelledPhaseAfterAReadyEventIsTheWrongFinalPhase() {
        JobVerdict verdict = ChaosChecker.check(job(trail("subtitle.download.requested", "subtitle.download.started#1",
                "job.cancel.requested", "subtitle.ready"), List.of(CANCELLED), CANCELLED));

        assertThat(onlyFlag(verdict)).isEqualTo("wrongFinalPhase");
    }

    @Test
    void jobDoneAfterAnAcceptedCancelBreaksThePromise() {
        List<ObservedEvent> trail = trail("subtitle.download.requested", "subtitle.download.started#1",
                "subtitle.ready", "job.cancel.requested");
        JobVerdict verdict = ChaosChecker.check(new JobObservation(JOB, trail, trail, trail.size(), List.of(DONE),
                DONE, Optional.of(CANCELLED)));

        assertThat(onlyFlag(verdict)).isEqualTo("wrongFinalPhase");
        assertThat(verdict.details()).anyMatch(detail -> detail.contains("promised CANCELLED"));
    }

    @Test
    void failedJobShownDoneIsTheWrongFinalPhase() {
        JobVerdict verdict = ChaosChecker.check(job(trail("subtitle.download.requested", "subtitle.download.started#1",
                "job.failed"), List.of(DONE), DONE));

        assertThat(verdict.wrongFinalPhase()).isTrue();
        assertThat(verdict.duplicatedTerminal()).isFalse();
    }

    @Test
    void reportCountsEachFlagAndFailsOnAnyOfThem() {
        JobVerdict good = ChaosChecker.check(job(trail("subtitle.download.requested", "job.failed"),
                List.of(FAILED), FAILED));
        JobVerdict stuck = ChaosChecker.check(job(trail("subtitle.download.requested"), List.of(DOWNLOAD_QUEUED),
                DOWNLOAD_QUEUED));

        FaultReport held = new FaultReport("fault", List.of(good), List.of(), java.time.Duration.ofSeconds(3));
        FaultReport failed = new FaultReport("fault", List.of(good, stuck), List.of(), null);

        assertThat(held.held()).isTrue();
        assertThat(failed.held()).isFalse();
        assertThat(failed.stuck()).isEqualTo(1);
        assertThat(new FaultReport("fault", List.of(good), List.of("500 for GET /jobs/%25;"), null).held())
                .isFalse();
    }

    /** Events in trail order with seq 1, 2, ...; {@code type#n} carries attempt n. */
    private static List<ObservedEvent> trail(String... types) {
        List<ObservedEvent> events = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            String[] parts = types[i].split("#");
            Integer attempt = parts.length > 1 ? Integer.valueOf(parts[1]) : null;
            String stage = parts[0].equals("job.retry.scheduled") ? "DOWNLOAD" : null;
            events.add(ObservedEvent.recorded(i + 1, "e-" + (i + 1), parts[0], attempt, stage));
        }
        return events;
    }

    private static JobObservation job(List<ObservedEvent> trail, List<JobPhase> polled, JobPhase last) {
        return new JobObservation(JOB, trail, trail, trail.size(), polled, last, Optional.empty());
    }

    private static String onlyFlag(JobVerdict verdict) {
        List<String> flags = new ArrayList<>();
        if (verdict.lost()) {
            flags.add("lost");
        }
        if (verdict.stuck()) {
            flags.add("stuck");
        }
        if (verdict.duplicatedTerminal()) {
            flags.add("duplicatedTerminal");
        }
        if (verdict.duplicatedWork()) {
            flags.add("duplicatedWork");
        }
        if (verdict.seqGap()) {
            flags.add("seqGap");
        }
        if (verdict.regression()) {
            flags.add("regression");
        }
        if (verdict.wrongFinalPhase()) {
            flags.add("wrongFinalPhase");
        }
        assertThat(flags).as("flags of %s", verdict.details()).hasSize(1);
        return flags.get(0);
    }
}
