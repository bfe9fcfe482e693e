package dev.subtitles.common.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How the parser reads SRT, one tolerance or rejection per test. */
class SrtParserTest {

    private final SubtitleParser parser = new SubtitleParser();

    private Subtitle parse(String text) {
        return parser.parse(text, SubtitleFormat.SRT);
    }

    private List<List<String>> texts(String text) {
        return parse(text).cues().stream().map(Cue::lines).toList();
    }

    @Test
    void readsNumberTimingAndTextOfEachCue() {
        Subtitle subtitle = parse("1\n00:00:01,000 --> 00:00:02,500\nHello\n\n2\n01:02:03,004 --> 01:02:04,000\nBye\n");

        assertThat(subtitle.cues()).containsExactly(
                new Cue(1, Duration.ofMillis(1000), Duration.ofMillis(2500), List.of("Hello")),
                new Cue(2, Duration.parse("PT1H2M3.004S"), Duration.parse("PT1H2M4S"), List.of("Bye")));
    }

    @Test
    void keepsMultiLineTextInOrder() {
        assertThat(texts("1\n00:00:01,000 --> 00:00:02,000\n- Who?\n- Me.\n- You?\n"))
                .containsExactly(List.of("- Who?", "- Me.", "- You?"));
    }

    @Test
    void keepsStylingTagsAsTheyAre() {
        String styled = "{\\an8}<i>Up</i> <b>here</b> <font color=\"#ff0000\">now</font>";

        assertThat(texts("1\n00:00:01,000 --> 00:00:02,000\n" + styled + "\n")).containsExactly(List.of(styled));
    }

    @Test
    void ignoresLeadingByteOrderMark() {
        assertThat(parse("\uFEFF1\n00:00:01,000 --> 00:00:02,000\nHi\n").cues()).hasSize(1);
    }

    @Test
    void readsCrlfLineEndings() {
        assertThat(texts("1\r\n00:00:01,000 --> 00:00:02,000\r\nA\r\nB\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nC\r\n"))
                .containsExactly(List.of("A", "B"), List.of("C"));
    }

    @Test
    void readsCarriageReturnOnlyLineEndings() {
        assertThat(texts("1\r00:00:01,000 --> 00:00:02,000\rA\rB\r\r2\r00:00:03,000 --> 00:00:04,000\rC\r"))
                .containsExactly(List.of("A", "B"), List.of("C"));
    }

    @Test
    void numbersCuesByPositionWhenNumbersAreMissing() {
        Subtitle subtitle = parse("00:00:01,000 --> 00:00:02,000\nA\n\n00:00:03,000 --> 00:00:04,000\nB\n");

        assertThat(subtitle.cues()).extracting(Cue::index).containsExactly(1, 2);
    }

    @Test
    void numbersCuesByPositionWhenNumbersAreDuplicated() {
        Subtitle subtitle = parse("5\n00:00:01,000 --> 00:00:02,000\nA\n\n5\n00:00:03,000 --> 00:00:04,000\nB\n");

        assertThat(subtitle.cues()).extracting(Cue::index).containsExactly(1, 2);
    }

    @Test
    void keepsFileOrderWhenNumbersAreOutOfOrder() {
        Subtitle subtitle = parse("2\n00:00:01,000 --> 00:00:02,000\nA\n\n1\n00:00:03,000 --> 00:00:04,000\nB\n");

        assertThat(subtitle.cues()).extracting(Cue::index, Cue::lines)
                .containsExactly(tuple(1, List.of("A")),
                        tuple(2, List.of("B")));
    }

    @Test
    void keepsFileOrderWhenStartTimesAreOutOfOrder() {
        Subtitle subtitle = parse("1\n00:00:05,000 --> 00:00:06,000\nLater\n\n2\n00:00:01,000 --> 00:00:02,000\nEarlier\n");

        assertThat(subtitle.cues()).extracting(Cue::lines).containsExactly(List.of("Later"), List.of("Earlier"));
    }

    @Test
    void acceptsDotBeforeMilliseconds() {
        Cue cue = parse("1\n00:00:01.250 --> 00:00:02.500\nA\n").cues().get(0);

        assertThat(cue.start()).isEqualTo(Duration.ofMillis(1250));
        assertThat(cue.end()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void readsShortFractionsAsDecimalFractionsOfASecond() {
        Cue cue = parse("1\n00:00:01,5 --> 00:00:02,25\nA\n").cues().get(0);

        assertThat(cue.start()).isEqualTo(Duration.ofMillis(1500));
        assertThat(cue.end()).isEqualTo(Duration.ofMillis(2250));
    }

    @Test
    void acceptsSingleDigitHoursAndMissingFraction() {
        Cue cue = parse("1\n1:00:01 --> 1:00:02,000\nA\n").cues().get(0);

        assertThat(cue.start()).isEqualTo(Duration.parse("PT1H1S"));
    }

    @Test
    void acceptsTimingWithoutSpacesAroundTheArrow() {
        Cue cue = parse("1\n00:00:01,000-->00:00:02,000\nA\n").cues().get(0);

        assertThat(cue.end()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void ignoresTextAfterTheEndTime() {
        Cue cue = parse("1\n00:00:01,000 --> 00:00:02,000 X1:10 X2:20 Y1:30 Y2:40\nA\n").cues().get(0);

        assertThat(cue.settings()).isNull();
    }

    @Test
    void acceptsZeroLengthCue() {
        Cue cue = parse("1\n00:00:01,000 --> 00:00:01,000\nBlink\n").cues().get(0);

        assertThat(cue.end()).isEqualTo(cue.start());
    }

    @Test
    void ignoresBlankLinesBeforeBetweenAndAfterCues() {
        assertThat(texts("\n\n \n1\n00:00:01,000 --> 00:00:02,000\nA\n\n\n\t\n2\n00:00:03,000 --> 00:00:04,000\nB\n\n\n"))
                .containsExactly(List.of("A"), List.of("B"));
    }

    @Test
    void stripsTrailingSpacesButKeepsLeadingOnes() {
        assertThat(texts("1 \n00:00:01,000 --> 00:00:02,000 \n  indented  \n")).containsExactly(List.of("  indented"));
    }

    @Test
    void joinsTextAfterABlankLineToThePreviousCue() {
        assertThat(
                texts("1\n00:00:01,000 --> 00:00:02,000\nFirst half\n\nsecond half\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n"))
                .containsExactly(List.of("First half", "second half"), List.of("B"));
    }

    @Test
    void startsANewCueAtATimingLineEvenWithoutABlankLine() {
        assertThat(texts("1\n00:00:01,000 --> 00:00:02,000\nA\n2\n00:00:03,000 --> 00:00:04,000\nB\n"))
                .containsExactly(List.of("A"), List.of("B"));
    }

    @Test
    void readsANumberAloneAsTextWhenNoTimingFollows() {
        assertThat(texts("1\n00:00:01,000 --> 00:00:02,000\nThe answer is\n42\n"))
                .containsExactly(List.of("The answer is", "42"));
    }

    @Test
    void readsACueWithNoText() {
        assertThat(texts("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nB\n"))
                .containsExactly(List.of(), List.of("B"));
    }

    @Test
    void rejectsTextWithoutAnyCue() {
        assertThatThrownBy(() -> parse("Just some prose.\nNothing else.\n"))
                .isInstanceOf(SubtitleParseException.class)
                .hasMessage("line 1: text outside any cue, expected a timing line (HH:MM:SS,mmm --> HH:MM:SS,mmm),"
                        + " found 'Just some prose.'");
    }

    @Test
    void rejectsEmptyText() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(SubtitleParseException.class)
                .hasMessage("line 1: no subtitle cue found in the text");
    }

    @Test
    void rejectsBlankText() {
        assertThatThrownBy(() -> parse("\n \n\n")).isInstanceOf(SubtitleParseException.class)
                .hasMessage("line 3: no subtitle cue found in the text");
    }

    @Test
    void rejectsTimingLineThatIsNotATiming() {
        assertThatThrownBy(() -> parse("1\nsoon --> later\nA\n")).isInstanceOf(SubtitleParseException.class)
                .hasMessage("line 2: the start time of timing line 'soon --> later' is not a timestamp,"
                        + " expected HH:MM:SS,mmm --> HH:MM:SS,mmm");
    }

    @Test
    void rejectsMinutesOrSecondsOutOfRange() {
        assertThatThrownBy(() -> parse("1\n00:61:00,000 --> 00:62:00,000\nA\n"))
                .isInstanceOf(SubtitleParseException.class).hasMessageStartingWith("line 2: the start time");
    }

    @Test
    void rejectsCueEndingBeforeItStarts() {
        assertThatThrownBy(() -> parse("1\n00:00:05,000 --> 00:00:04,000\nA\n"))
                .isInstanceOf(SubtitleParseException.class)
                .hasMessage("line 2: the cue ends (00:00:04.000) before it starts (00:00:05.000)");
    }

    @Test
    void rejectsCueNumberWithoutTiming() {
        assertThatThrownBy(() -> parse("1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\nB\n"))
                .isInstanceOf(SubtitleParseException.class)
                .hasMessage("line 5: cue number 2 is not followed by a timing line");
    }

    @Test
    void rejectsTextInPlaceOfACueNumber() {
        assertThatThrownBy(() -> parse("one\n00:00:01,000 --> 00:00:02,000\nA\n"))
                .isInstanceOf(SubtitleParseException.class)
                .hasMessage("line 1: expected a cue number before the timing line, found 'one'");
    }

    @Test
    void rejectsWebVttHeaderReadAsSrt() {
        assertThatThrownBy(() -> parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n"))
                .isInstanceOf(SubtitleParseException.class).hasMessageStartingWith("line 1: text outside any cue");
    }

    @Test
    void quotesOnlyTheStartOfAVeryLongLine() {
        assertThatThrownBy(() -> parse("x".repeat(500)))
                .isInstanceOf(SubtitleParseException.class)
                .hasMessageEndingWith("found '" + "x".repeat(60) + "...'");
    }
}
