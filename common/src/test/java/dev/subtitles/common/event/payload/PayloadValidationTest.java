package dev.subtitles.common.event.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.format.SubtitleFormat;

class PayloadValidationTest {

    private static final VideoRef MATRIX = VideoRef.titled("The Matrix");

    @Test
    void listsAreCopiedSoLaterChangesDoNotLeakIn() {
        List<String> providers = new ArrayList<>(List.of("opensubtitles"));
        DownloadRequested request = new DownloadRequested(MATRIX, "de", providers, SubtitleFormat.SRT, null, null);

        providers.add("podnapisi");

        assertThat(request.preferredProviders()).containsExactly("opensubtitles");
    }

    @Test
    void listsCannotBeChanged() {
        DownloadRequested request = new DownloadRequested(MATRIX, "de", List.of("a"), SubtitleFormat.SRT, null, null);

        assertThatThrownBy(() -> request.preferredProviders().add("b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void absentListIsEmpty() {
        SubtitleReady ready = new SubtitleReady(UUID.randomUUID(), "podnapisi", "de", 1, null, SubtitleFormat.SRT);

        assertThat(ready.matched()).isEmpty();
    }

    @Test
    void blankListElementIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DownloadRequested(MATRIX, "de", List.of("a", " "), SubtitleFormat.SRT, null, null))
                .withMessage("preferredProviders[1] must not be blank");
    }

    @Test
    void blankLanguageIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DownloadRequested(MATRIX, "", List.of(), SubtitleFormat.SRT, null, null))
                .withMessage("language must not be blank");
    }

    @Test
    void missingFileIdIsRejected() {
        assertThatNullPointerException()
                .isThrownBy(() -> new SubtitleReady(null, "podnapisi", "de", 1, List.of(), SubtitleFormat.SRT))
                .withMessage("fileId is required");
    }

    @Test
    void scoreMustBeFinite() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SubtitleReady(UUID.randomUUID(), "p", "de", Double.NaN, null, SubtitleFormat.SRT))
                .withMessageContaining("score");
    }

    @Test
    void attemptsCountFromOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TranslateStarted(0, "deepl"))
                .withMessage("attempt must be at least 1, was 0");
    }

    @Test
    void translationNeedsTwoDifferentLanguages() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TranslateRequested(UUID.randomUUID(), "EN", "en", SubtitleFormat.SRT, "p", null))
                .withMessageContaining("must differ");
    }

    @Test
    void modelIsOptionalButNotBlank() {
        assertThat(new Translated(UUID.randomUUID(), "deepl", null, 3, "en", "de", SubtitleFormat.SRT).model()).isNull();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Translated(UUID.randomUUID(), "deepl", "", 3, "en", "de", SubtitleFormat.SRT))
                .withMessage("model must not be blank");
    }

    @Test
    void videoNeedsATitle() {
        assertThatIllegalArgumentException().isThrownBy(() -> VideoRef.titled(" "))
                .withMessage("video title must not be blank");
    }

    @Test
    void videoImdbIdMustLookLikeOne() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VideoRef("The Matrix", null, "133093", null, null, null, null, null))
                .withMessageContaining("imdbId");
    }

    @Test
    void failureNeedsAStage() {
        assertThatNullPointerException().isThrownBy(() -> new JobFailed(null, "NO_SUBTITLE_FOUND", "none found"))
                .withMessage("stage is required");
    }

    @Test
    void upgradeOfANativeSubtitleNeedsItsScore() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UpgradeRequested(MATRIX, "de", List.of(), SubtitleFormat.SRT, null,
                        UUID.randomUUID(), 1, null, false, 1))
                .withMessageContaining("currentScore is required");
    }

    @Test
    void upgradeOfAMachineTranslationNeedsNoScore() {
        UpgradeRequested request = new UpgradeRequested(MATRIX, "de", null, SubtitleFormat.SRT, null,
                UUID.randomUUID(), 1, null, true, 1);

        assertThat(request.preferredProviders()).isEmpty();
    }

    @Test
    void upgradedVersionComesAfterThePreviousOne() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SubtitleUpgraded(UUID.randomUUID(), 2, "library", "de", 560, List.of(),
                        SubtitleFormat.SRT, 2, 160.0, false))
                .withMessage("previousVersion must be below version 2, was 2");
    }

    @Test
    void checkedSearchCountsNoNegativeCandidates() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UpgradeChecked(1, null, true, -1, null, List.of()))
                .withMessage("candidates must be at least 0, was -1");
    }
}
