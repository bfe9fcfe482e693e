package dev.subtitles.common.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden-file round trips over the fixture corpus: well-formed files come back byte for byte, tolerated messy files
 * come back as their normalized {@code *.expected.*} golden.
 */
class CorpusRoundTripTest {

    private final SubtitleParser parser = new SubtitleParser();
    private final SubtitleWriter writer = new SubtitleWriter();

    @ParameterizedTest
    @ValueSource(strings = { "clean.srt", "styling.srt", "clean.vtt", "vtt-metadata.vtt", "vtt-identifiers.vtt",
            "clean-srt.converted.vtt", "clean-vtt.converted.srt", "vtt-metadata.converted.srt",
            "styling.converted.vtt" })
    void wellFormedFileIsWrittenBackExactly(String name) {
        String original = Corpus.read(name);
        SubtitleFormat format = Corpus.formatOf(name);

        assertThat(writer.write(parser.parse(original, format), format)).isEqualTo(original);
    }

    @ParameterizedTest
    @ValueSource(strings = { "bom", "crlf", "cr-only", "missing-indices", "duplicate-indices", "out-of-order-indices",
            "dot-milliseconds", "short-milliseconds", "extra-blank-lines", "trailing-spaces", "blank-line-in-text",
            "missing-blank-line", "srt-coordinates" })
    void toleratedSrtIsWrittenAsItsNormalizedGolden(String name) {
        String messy = Corpus.read(name + ".srt");

        assertThat(writer.write(parser.parse(messy, SubtitleFormat.SRT), SubtitleFormat.SRT))
                .isEqualTo(Corpus.read(name + ".expected.srt"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "vtt-no-hours", "bom-crlf" })
    void toleratedVttIsWrittenAsItsNormalizedGolden(String name) {
        String messy = Corpus.read(name + ".vtt");

        assertThat(writer.write(parser.parse(messy, SubtitleFormat.VTT), SubtitleFormat.VTT))
                .isEqualTo(Corpus.read(name + ".expected.vtt"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "bom.expected.srt", "crlf.expected.srt", "cr-only.expected.srt",
            "missing-indices.expected.srt", "extra-blank-lines.expected.srt", "trailing-spaces.expected.srt",
            "blank-line-in-text.expected.srt", "vtt-no-hours.expected.vtt", "bom-crlf.expected.vtt" })
    void normalizedGoldenIsItselfWellFormed(String name) {
        String golden = Corpus.read(name);
        SubtitleFormat format = Corpus.formatOf(name);

        assertThat(writer.write(parser.parse(golden, format), format)).isEqualTo(golden);
    }

    @ParameterizedTest
    @ValueSource(strings = { "clean.srt", "bom.srt", "crlf.srt", "cr-only.srt", "missing-indices.srt",
            "extra-blank-lines.srt", "clean.vtt", "vtt-metadata.vtt", "vtt-no-hours.vtt", "bom-crlf.vtt" })
    void formatIsDetectedFromTheContent(String name) {
        assertThat(parser.detect(Corpus.read(name))).isEqualTo(Corpus.formatOf(name));
    }
}
