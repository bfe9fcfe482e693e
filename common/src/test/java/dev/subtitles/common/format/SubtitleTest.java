package dev.subtitles.common.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A subtitle keeps WebVTT extras consistent with its cues. */
class SubtitleTest {

    private static final Cue CUE = new Cue(1, Duration.ZERO, Duration.ofSeconds(1), List.of("A"));

    @Test
    void withCuesKeepsHeaderAndBlocks() {
        Subtitle subtitle = new Subtitle(List.of(CUE), List.of("WEBVTT - x"), List.of(new VttBlock(1, List.of("NOTE"))));
        Cue translated = CUE.withLines(List.of("B"));

        assertThat(subtitle.withCues(List.of(translated)))
                .isEqualTo(new Subtitle(List.of(translated), List.of("WEBVTT - x"), List.of(new VttBlock(1, List.of("NOTE")))));
    }

    @Test
    void rejectsNoCue() {
        assertThatThrownBy(() -> new Subtitle(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one cue");
    }

    @Test
    void rejectsHeaderNotStartingWithSignature() {
        assertThatThrownBy(() -> new Subtitle(List.of(CUE), List.of("Kind: captions"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WEBVTT");
    }

    @Test
    void rejectsBlockPastTheLastCue() {
        assertThatThrownBy(() -> new Subtitle(List.of(CUE), List.of(), List.of(new VttBlock(2, List.of("NOTE")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past the 1 cues");
    }

    @Test
    void rejectsBlocksOutOfOrder() {
        assertThatThrownBy(() -> new Subtitle(List.of(CUE), List.of(),
                List.of(new VttBlock(1, List.of("NOTE a")), new VttBlock(0, List.of("NOTE b")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of order");
    }

    @Test
    void rejectsBlockWithBlankLine() {
        assertThatThrownBy(() -> new VttBlock(0, List.of("NOTE", "")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
