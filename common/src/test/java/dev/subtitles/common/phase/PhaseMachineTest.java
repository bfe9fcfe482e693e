package dev.subtitles.common.phase;

import static dev.subtitles.common.event.EventType.CANCEL_REQUESTED;
import static dev.subtitles.common.event.EventType.DOWNLOAD_REQUESTED;
import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.JOB_CANCELLED;
import static dev.subtitles.common.event.EventType.JOB_FAILED;
import static dev.subtitles.common.event.EventType.RETRY_SCHEDULED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static dev.subtitles.common.event.EventType.SUBTITLE_UPGRADED;
import static dev.subtitles.common.event.EventType.TRANSLATED;
import static dev.subtitles.common.event.EventType.TRANSLATE_REQUESTED;
import static dev.subtitles.common.event.EventType.TRANSLATE_STARTED;
import static dev.subtitles.common.event.EventType.UPGRADE_CHECKED;
import static dev.subtitles.common.event.EventType.UPGRADE_REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.subtitles.common.event.EventType;

class PhaseMachineTest {

    @ParameterizedTest
    @CsvSource({
            "DOWNLOAD_REQUESTED, DOWNLOAD_QUEUED",
            "DOWNLOAD_STARTED, DOWNLOAD_IN_PROGRESS",
            "SUBTITLE_READY, DONE",
            "TRANSLATE_REQUESTED, TRANSLATE_QUEUED",
            "TRANSLATE_STARTED, TRANSLATE_IN_PROGRESS",
            "TRANSLATED, DONE",
            "JOB_FAILED, FAILED",
            "CANCEL_REQUESTED, CANCELLED",
            "JOB_CANCELLED, CANCELLED" })
    void eventLeadsToThePhaseOfTheDesign(EventType type, JobPhase phase) {
        assertThat(PhaseMachine.phaseAfter(type)).contains(phase);
    }

    @Test
    void retryLeadsToNoPhase() {
        assertThat(PhaseMachine.phaseAfter(RETRY_SCHEDULED)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "DOWNLOAD_QUEUED, DOWNLOAD_STARTED, DOWNLOAD_IN_PROGRESS",
            "DOWNLOAD_IN_PROGRESS, SUBTITLE_READY, DONE",
            "DOWNLOAD_IN_PROGRESS, TRANSLATE_REQUESTED, TRANSLATE_QUEUED",
            "TRANSLATE_QUEUED, TRANSLATE_STARTED, TRANSLATE_IN_PROGRESS",
            "TRANSLATE_IN_PROGRESS, TRANSLATED, DONE" })
    void eventMovesJobAlongTheDesignedPath(JobPhase current, EventType type, JobPhase next) {
        assertThat(PhaseMachine.apply(current, type)).isEqualTo(next);
    }

    @ParameterizedTest
    @CsvSource({
            "DOWNLOAD_QUEUED, SUBTITLE_READY, DONE",
            "DOWNLOAD_QUEUED, TRANSLATE_STARTED, TRANSLATE_IN_PROGRESS",
            "DOWNLOAD_IN_PROGRESS, TRANSLATED, DONE" })
    void lateEarlierEventsDoNotStopAJobFromSkippingAhead(JobPhase current, EventType type, JobPhase next) {
        assertThat(PhaseMachine.apply(current, type)).isEqualTo(next);
    }

    @ParameterizedTest
    @CsvSource({
            "DOWNLOAD_IN_PROGRESS, DOWNLOAD_REQUESTED",
            "TRANSLATE_QUEUED, DOWNLOAD_STARTED",
            "TRANSLATE_IN_PROGRESS, TRANSLATE_REQUESTED",
            "TRANSLATE_IN_PROGRESS, DOWNLOAD_REQUESTED" })
    void backwardMoveIsIgnored(JobPhase current, EventType type) {
        assertThat(PhaseMachine.apply(current, type)).isEqualTo(current);
    }

    @ParameterizedTest
    @MethodSource("nonTerminalPhases")
    void retryLeavesThePhaseUnchanged(JobPhase current) {
        assertThat(PhaseMachine.apply(current, RETRY_SCHEDULED)).isEqualTo(current);
    }

    @ParameterizedTest
    @MethodSource("nonTerminalPhases")
    void cancelRequestCancelsAJobFromAnyNonTerminalPhase(JobPhase current) {
        assertThat(PhaseMachine.apply(current, CANCEL_REQUESTED)).isEqualTo(JobPhase.CANCELLED);
    }

    @ParameterizedTest
    @MethodSource("nonTerminalPhases")
    void failureEndsAJobFromAnyNonTerminalPhase(JobPhase current) {
        assertThat(PhaseMachine.apply(current, JOB_FAILED)).isEqualTo(JobPhase.FAILED);
    }

    @ParameterizedTest
    @MethodSource("nonTerminalPhases")
    void cancellationEndsAJobFromAnyNonTerminalPhase(JobPhase current) {
        assertThat(PhaseMachine.apply(current, JOB_CANCELLED)).isEqualTo(JobPhase.CANCELLED);
    }

    @ParameterizedTest
    @MethodSource("terminalPhaseAndAnyEvent")
    void terminalPhaseNeverChanges(JobPhase terminal, EventType type) {
        assertThat(PhaseMachine.apply(terminal, type)).isEqualTo(terminal);
    }

    @ParameterizedTest
    @MethodSource("anyPhaseAndAnyEvent")
    void duplicateEventChangesNothing(JobPhase current, EventType type) {
        JobPhase once = PhaseMachine.apply(current, type);

        assertThat(PhaseMachine.apply(once, type)).isEqualTo(once);
    }

    @ParameterizedTest
    @EnumSource(names = { "UPGRADE_REQUESTED", "SUBTITLE_UPGRADED", "UPGRADE_CHECKED" })
    void upgradeEventsLeadToNoPhase(EventType type) {
        assertThat(PhaseMachine.phaseAfter(type)).isEmpty();
        assertThat(PhaseMachine.followsEnd(type)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(names = { "UPGRADE_REQUESTED", "SUBTITLE_UPGRADED", "UPGRADE_CHECKED" })
    void doneJobStaysDoneThroughItsUpgrades(EventType type) {
        assertThat(PhaseMachine.apply(JobPhase.DONE, type)).isEqualTo(JobPhase.DONE);
    }

    @ParameterizedTest
    @EnumSource(names = { "UPGRADE_REQUESTED", "SUBTITLE_UPGRADED", "UPGRADE_CHECKED" })
    void unknownJobFirstSeenWithAnUpgradeEventHasNoPhaseYet(EventType type) {
        assertThat(PhaseMachine.apply(null, type)).isNull();
    }

    @ParameterizedTest
    @EnumSource(names = { "UPGRADE_REQUESTED", "SUBTITLE_UPGRADED", "UPGRADE_CHECKED" }, mode = EnumSource.Mode.EXCLUDE)
    void onlyUpgradeEventsFollowTheEnd(EventType type) {
        assertThat(PhaseMachine.followsEnd(type)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(names = { "RETRY_SCHEDULED", "UPGRADE_REQUESTED", "SUBTITLE_UPGRADED",
            "UPGRADE_CHECKED" }, mode = EnumSource.Mode.EXCLUDE)
    void unknownJobTakesThePhaseOfItsFirstSeenEvent(EventType type) {
        assertThat(PhaseMachine.apply(null, type)).isEqualTo(PhaseMachine.phaseAfter(type).orElseThrow());
    }

    @Test
    void unknownJobWhoseFirstSeenEventIsARetryIsQueued() {
        assertThat(PhaseMachine.apply(null, RETRY_SCHEDULED)).isEqualTo(JobPhase.DOWNLOAD_QUEUED);
    }

    @ParameterizedTest
    @MethodSource("histories")
    void shuffledHistoryEndsInTheSamePhaseAsInOrder(List<EventType> history, JobPhase expected) {
        assertThat(replay(history)).isEqualTo(expected);
        Random random = new Random(20261125L);
        for (int i = 0; i < 500; i++) {
            List<EventType> shuffled = new ArrayList<>(history);
            Collections.shuffle(shuffled, random);

            assertThat(replay(shuffled)).as("phase after %s", shuffled).isEqualTo(expected);
        }
    }

    static Stream<Arguments> histories() {
        return Stream.of(
                Arguments.of(List.of(DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, SUBTITLE_READY), JobPhase.DONE),
                Arguments.of(List.of(DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, RETRY_SCHEDULED, DOWNLOAD_STARTED,
                        DOWNLOAD_STARTED, TRANSLATE_REQUESTED, TRANSLATE_STARTED, RETRY_SCHEDULED, TRANSLATE_STARTED,
                        TRANSLATED, TRANSLATED), JobPhase.DONE),
                Arguments.of(List.of(DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, RETRY_SCHEDULED, DOWNLOAD_STARTED,
                        RETRY_SCHEDULED, JOB_FAILED), JobPhase.FAILED),
                Arguments.of(List.of(DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, TRANSLATE_REQUESTED, CANCEL_REQUESTED,
                        JOB_CANCELLED), JobPhase.CANCELLED),
                Arguments.of(List.of(DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, RETRY_SCHEDULED, DOWNLOAD_STARTED,
                        TRANSLATE_REQUESTED), JobPhase.TRANSLATE_QUEUED),
                Arguments.of(List.of(DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, TRANSLATE_REQUESTED, TRANSLATE_STARTED,
                        TRANSLATED, UPGRADE_REQUESTED, UPGRADE_CHECKED, UPGRADE_REQUESTED, SUBTITLE_UPGRADED),
                        JobPhase.DONE));
    }

    static Stream<JobPhase> nonTerminalPhases() {
        return Stream.of(JobPhase.values()).filter(phase -> !phase.isTerminal());
    }

    static Stream<Arguments> terminalPhaseAndAnyEvent() {
        return anyPhaseAndAnyEvent().filter(arguments -> ((JobPhase) arguments.get()[0]).isTerminal());
    }

    static Stream<Arguments> anyPhaseAndAnyEvent() {
        return Stream.of(JobPhase.values())
                .flatMap(phase -> Stream.of(EventType.values()).map(type -> Arguments.of(phase, type)));
    }

    private static JobPhase replay(List<EventType> history) {
        JobPhase phase = null;
        for (EventType type : history) {
            phase = PhaseMachine.apply(phase, type);
        }
        return phase;
    }
}
