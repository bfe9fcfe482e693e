package dev.subtitles.common.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How the parser reads WebVTT, one tolerance or rejection per test. */
class VttParserTest {

    private final SubtitleParser parser = new SubtitleParser();

    private Subtitle parse(String text) {
        return parser.parse(text, SubtitleFormat.VTT);
    }

    @Test
    void readsCuesAfterThePlainHeader() {
        Subtitle subtitle = parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n");

        assertThat(subtitle.vttHeader()).containsExactly("WEBVTT");
        assertThat(subtitle.cues()).containsExactly(
                new Cue(1, Duration.ofSeconds(1), Duration.ofSeconds(2), List.of("Hello")));
    }

    @Test
    void keepsHeaderTextAndHeaderLines() {
        Subtitle subtitle = parse("WEBVTT - Pilot\nKind: captions\nLanguage: en\n\n00:01.000 --> 00:02.000\nA\n");

        assertThat(subtitle.vttHeader()).containsExactly("WEBVTT - Pilot", "Kind: captions", "Language: en");
    }

    @Test
    void readsTimesWithoutHours() {
        Cue cue = parse("WEBVTT\n\n01:02.003 --> 59:59.999\nA\n").cues().get(0);

        assertThat(cue.start()).isEqualTo(Duration.ofMillis(62_003));
        assertThat(cue.end()).isEqualTo(Duration.ofMillis(3_599_999));
    }

    @Test
    void keepsCueIdentifiers() {
        Subtitle subtitle = parse("WEBVTT\n\nintro\n00:00:01.000 --> 00:00:02.000\nA\n\n7\n00:00:03.000 --> 00:00:04.000\nB\n");

        assertThat(subtitle.cues()).extracting(Cue::identifier).containsExactly("intro", "7");
    }

    @Test
    void keepsCueSettings() {
        Cue cue = parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000 align:start position:10%\nA\n").cues().get(0);

        assertThat(cue.settings()).isEqualTo("align:start position:10%");
        assertThat(cue.end()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void keepsNoteStyleAndRegionBlocksWithTheirPosition() {
        Subtitle subtitle = parse("WEBVTT\n\nSTYLE\n::cue { color: red }\n\nREGION\nid:top\n\n"
                + "00:00:01.000 --> 00:00:02.000\nA\n\nNOTE between\n\n00:00:03.000 --> 00:00:04.000\nB\n\nNOTE\nthe end\n");

        assertThat(subtitle.vttBlocks()).containsExactly(
                new VttBlock(0, List.of("STYLE", "::cue { color: red }")),
                new VttBlock(0, List.of("REGION", "id:top")),
                new VttBlock(1, List.of("NOTE between")),
                new VttBlock(2, List.of("NOTE", "the end")));
        assertThat(subtitle.cues()).extracting(Cue::lines).containsExactly(List.of("A"), List.of("B"));
    }

    @Test
    void readsAWordStartingWithNoteAsCueText() {
        Subtitle subtitle = parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n\nNOTEBOOK\n");

        assertThat(subtitle.vttBlocks()).isEmpty();
        assertThat(subtitle.cues().get(0).lines()).containsExactly("A", "NOTEBOOK");
    }

    @Test
    void keepsVoiceAndClassTags() {
        String line = "<v Mara><c.loud>Stop!</c></v> &amp; go";

        assertThat(parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + line + "\n").cues().get(0).lines())
                .containsExactly(line);
    }

    @Test
    void toleratesByteOrderMarkCrlfAndLeadingBlankLines() {
        Subtitle subtitle = parse("\uFEFF\r\n\r\nWEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\nA\r\n");

        assertThat(subtitle.cues()).hasSize(1);
    }

    @Test
    void readsACueRightAfterTheHeaderWithoutBlankLine() {
        Subtitle subtitle = parse("WEBVTT\n00:00:01.000 --> 00:00:02.000\nA\n");

        assertThat(subtitle.vttHeader()).containsExactly("WEBVTT");
        assertThat(subtitle.cues()).extracting(Cue::lines).containsExactly(List.of("A"));
    }

    @Test
    void readsTheLineBeforeATimingAsTextWhenNoBlankLineSeparatesTheCues() {
        Subtitle subtitle = parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\nstill A\n00:00:03.000 --> 00:00:04.000\nB\n");

        assertThat(subtitle.cues()).extracting(Cue::identifier).containsExactly(null, null);
        assertThat(subtitle.cues()).extracting(Cue::lines).containsExactly(List.of("A", "still A"), List.of("B"));
    }

    @Test
    void rejectsTextWithoutHeader() {
        assertThatThrownBy(() -> parse("00:00:01.000 --> 00:00:02.000\nA\n"))
                .isInstanceOf(SubtitleParseException.class)
                .hasMessage("line 1: a WebVTT file starts with 'WEBVTT', found '00:00:01.000 --> 00:00:02.000'");
    }

    @Test
    void rejectsHeaderGluedToOtherText() {
        assertThatThrownBy(() -> parse("WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nA\n"))
                .isInstanceOf(SubtitleParseException.class).hasMessageStartingWith("line 1: a WebVTT file starts");
    }

    @Test
    void rejectsEmptyText() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(SubtitleParseException.class)
                .hasMessage("line 1: a WebVTT file starts with 'WEBVTT', the text is empty");
    }

    @Test
    void rejectsHeaderWithoutCues() {
        assertThatThrownBy(() -> parse("WEBVTT\n\nNOTE nothing\n")).isInstanceOf(SubtitleParseException.class)
                .hasMessage("line 3: no subtitle cue found in the text");
    }

    @Test
    void rejectsTextAfterANoteThatBelongsToNoCue() {
        assertThatThrownBy(() -> parse("WEBVTT\n\nNOTE hi\n\nstray text\n"))
                .isInstanceOf(SubtitleParseException.class).hasMessageStartingWith("line 5: text outside any cue");
    }

    @Test
    void rejectsCueEndingBeforeItStarts() {
        assertThatThrownBy(() -> parse("WEBVTT\n\nid\n00:02.000 --> 00:01.000\nA\n"))
                .isInstanceOf(SubtitleParseException.class)
                .hasMessage("line 4: the cue ends (00:00:01.000) before it starts (00:00:02.000)");
    }
}
