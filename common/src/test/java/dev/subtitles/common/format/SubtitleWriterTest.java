package dev.subtitles.common.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The one shape the writer produces in each format. */
class SubtitleWriterTest {

    private final SubtitleWriter writer = new SubtitleWriter();

    private static Cue cue(int index, long startMillis, long endMillis, String... lines) {
        return new Cue(index, Duration.ofMillis(startMillis), Duration.ofMillis(endMillis), List.of(lines));
    }

    @Test
    void writesSrtCuesSeparatedByOneBlankLineEndingWithOneNewline() {
        Subtitle subtitle = new Subtitle(List.of(cue(1, 1000, 2000, "A", "B"), cue(2, 3000, 4000, "C")));

        assertThat(writer.write(subtitle, SubtitleFormat.SRT))
                .isEqualTo("1\n00:00:01,000 --> 00:00:02,000\nA\nB\n\n2\n00:00:03,000 --> 00:00:04,000\nC\n");
    }

    @Test
    void renumbersSrtCuesByPosition() {
        Subtitle subtitle = new Subtitle(List.of(cue(7, 0, 1000, "A"), cue(7, 1000, 2000, "B")));

        assertThat(writer.write(subtitle, SubtitleFormat.SRT)).startsWith("1\n").contains("\n2\n");
    }

    @Test
    void padsEveryTimeFieldAndKeepsHoursBeyondTwoDigits() {
        Subtitle subtitle = new Subtitle(List.of(cue(1, 5, 100L * 3_600_000 + 61_050, "Long film")));

        assertThat(writer.write(subtitle, SubtitleFormat.SRT)).contains("00:00:00,005 --> 100:01:01,050\n");
    }

    @Test
    void truncatesBelowTheMillisecond() {
        Cue cue = new Cue(1, Duration.ofNanos(1_999_999), Duration.ofMillis(3), List.of("A"));

        assertThat(writer.write(new Subtitle(List.of(cue)), SubtitleFormat.VTT))
                .contains("00:00:00.001 --> 00:00:00.003\n");
    }

    @Test
    void writesAnEmptyCueAsItsTimingAlone() {
        Subtitle subtitle = new Subtitle(List.of(cue(1, 0, 1000), cue(2, 1000, 2000, "B")));

        assertThat(writer.write(subtitle, SubtitleFormat.SRT))
                .isEqualTo("1\n00:00:00,000 --> 00:00:01,000\n\n2\n00:00:01,000 --> 00:00:02,000\nB\n");
    }

    @Test
    void writesPlainWebVttHeaderWhenTheSubtitleHasNone() {
        Subtitle subtitle = new Subtitle(List.of(cue(1, 1000, 2000, "A")));

        assertThat(writer.write(subtitle, SubtitleFormat.VTT))
                .isEqualTo("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n");
    }

    @Test
    void writesWebVttHeaderIdentifierSettingsAndBlocksInPlace() {
        Cue first = new Cue(1, Duration.ofSeconds(1), Duration.ofSeconds(2), List.of("A"), "intro", "align:start");
        Subtitle subtitle = new Subtitle(List.of(first, cue(2, 3000, 4000, "B")), List.of("WEBVTT - T", "Kind: captions"),
                List.of(new VttBlock(0, List.of("STYLE", "::cue {}")), new VttBlock(1, List.of("NOTE mid")),
                        new VttBlock(2, List.of("NOTE end"))));

        assertThat(writer.write(subtitle, SubtitleFormat.VTT)).isEqualTo("""
                WEBVTT - T
                Kind: captions

                STYLE
                ::cue {}

                intro
                00:00:01.000 --> 00:00:02.000 align:start
                A

                NOTE mid

                00:00:03.000 --> 00:00:04.000
                B

                NOTE end
                """);
    }

    @Test
    void leavesWebVttOnlyPartsOutOfSrt() {
        Cue cue = new Cue(1, Duration.ofSeconds(1), Duration.ofSeconds(2), List.of("A"), "intro", "align:start");
        Subtitle subtitle = new Subtitle(List.of(cue), List.of("WEBVTT - T"), List.of(new VttBlock(0, List.of("NOTE x"))));

        assertThat(writer.write(subtitle, SubtitleFormat.SRT)).isEqualTo("1\n00:00:01,000 --> 00:00:02,000\nA\n");
    }
}
