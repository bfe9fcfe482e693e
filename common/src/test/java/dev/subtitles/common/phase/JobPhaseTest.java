package dev.subtitles.common.phase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class JobPhaseTest {

    @Test
    void onlyDoneFailedAndCancelledAreTerminal() {
        assertThat(Arrays.stream(JobPhase.values()).filter(JobPhase::isTerminal))
                .containsExactlyInAnyOrder(JobPhase.DONE, JobPhase.FAILED, JobPhase.CANCELLED);
    }

    @Test
    void rankFollowsTheOrderOfProgress() {
        assertThat(JobPhase.DOWNLOAD_QUEUED.rank()).isLessThan(JobPhase.DOWNLOAD_IN_PROGRESS.rank());
        assertThat(JobPhase.DOWNLOAD_IN_PROGRESS.rank()).isLessThan(JobPhase.TRANSLATE_QUEUED.rank());
        assertThat(JobPhase.TRANSLATE_QUEUED.rank()).isLessThan(JobPhase.TRANSLATE_IN_PROGRESS.rank());
        assertThat(JobPhase.TRANSLATE_IN_PROGRESS.rank()).isLessThan(JobPhase.DONE.rank());
    }

    @Test
    void everyTerminalPhaseRanksAboveEveryOtherPhase() {
        int highestNonTerminal = Arrays.stream(JobPhase.values()).filter(phase -> !phase.isTerminal())
                .mapToInt(JobPhase::rank).max().orElseThrow();

        assertThat(Arrays.stream(JobPhase.values()).filter(JobPhase::isTerminal))
                .allMatch(phase -> phase.rank() > highestNonTerminal);
    }
}
