package dev.subtitles.translator.cue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineBalancerTest {

    @Test
    void twoLinesBreakAtTheSpaceNearestTheMiddle() {
        assertThat(LineBalancer.balance("aaaa bbbb cccc dddd", 2)).containsExactly("aaaa bbbb", "cccc dddd");
    }

    @Test
    void tagsDoNotCountAsLengthAndAreNeverSplit() {
        assertThat(LineBalancer.balance("<font face=\"Arial Black\">aaaa</font> bbbb cccc dddd", 2))
                .containsExactly("<font face=\"Arial Black\">aaaa</font> bbbb", "cccc dddd");
    }

    @Test
    void threeLinesShareTheWordsEvenly() {
        assertThat(LineBalancer.balance("aa bb cc dd ee ff", 3)).containsExactly("aa bb", "cc dd", "ee ff");
    }

    @Test
    void fewerWordsThanLinesGiveOneLinePerWord() {
        assertThat(LineBalancer.balance("Sí", 2)).containsExactly("Sí");
    }

    @Test
    void runsOfWhitespaceCollapse() {
        assertThat(LineBalancer.balance("  a \n b  ", 1)).containsExactly("a b");
    }

    @Test
    void blankTextGivesNoLines() {
        assertThat(LineBalancer.balance("   ", 2)).isEmpty();
    }
}
