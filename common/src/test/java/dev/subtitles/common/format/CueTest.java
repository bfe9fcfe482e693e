package dev.subtitles.common.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A cue refuses what no format could write, so every cue can be written and read back. */
class CueTest {

    private static final Duration ONE = Duration.ofSeconds(1);
    private static final Duration TWO = Duration.ofSeconds(2);

    @Test
    void withLinesKeepsTimingIdentifierAndSettings() {
        Cue cue = new Cue(3, ONE, TWO, List.of("Hello"), "id", "align:end");

        assertThat(cue.withLines(List.of("Bonjour", "à tous")))
                .isEqualTo(new Cue(3, ONE, TWO, List.of("Bonjour", "à tous"), "id", "align:end"));
    }

    @Test
    void copiesItsLines() {
        List<String> lines = new ArrayList<>(List.of("A"));
        Cue cue = new Cue(1, ONE, TWO, lines);

        lines.add("B");

        assertThat(cue.lines()).containsExactly("A");
    }

    @Test
    void rejectsEndBeforeStart() {
        assertThatThrownBy(() -> new Cue(1, TWO, ONE, List.of("A")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends");
    }

    @Test
    void rejectsNegativeStart() {
        assertThatThrownBy(() -> new Cue(1, ONE.negated(), TWO, List.of("A")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before zero");
    }

    @Test
    void rejectsIndexBelowOne() {
        assertThatThrownBy(() -> new Cue(0, ONE, TWO, List.of("A"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsBlankLine() {
        assertThatThrownBy(() -> new Cue(1, ONE, TWO, List.of("A", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }

    @Test
    void rejectsLineBreakInsideALine() {
        assertThatThrownBy(() -> new Cue(1, ONE, TWO, List.of("A\nB")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single line");
    }

    @Test
    void rejectsArrowInText() {
        assertThatThrownBy(() -> new Cue(1, ONE, TWO, List.of("a --> b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-->");
    }

    @Test
    void rejectsBlankIdentifier() {
        assertThatThrownBy(() -> new Cue(1, ONE, TWO, List.of("A"), "", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
