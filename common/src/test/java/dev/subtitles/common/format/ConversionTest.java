package dev.subtitles.common.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conversion SRT to WebVTT and back, against hand-written golden files. */
class ConversionTest {

    private final SubtitleConverter converter = new SubtitleConverter();

    @ParameterizedTest
    @CsvSource({
            "clean.srt, clean-srt.converted.vtt",
            "styling.srt, styling.converted.vtt",
            "clean.vtt, clean-vtt.converted.srt",
            "vtt-metadata.vtt, vtt-metadata.converted.srt" })
    void convertedFileMatchesItsGolden(String source, String golden) {
        assertThat(converter.convert(Corpus.read(source), Corpus.formatOf(golden))).isEqualTo(Corpus.read(golden));
    }

    @Test
    void srtConvertedToVttAndBackIsUnchanged() {
        String srt = Corpus.read("styling.srt");

        String vtt = converter.convert(srt, SubtitleFormat.VTT);

        assertThat(converter.convert(vtt, SubtitleFormat.SRT)).isEqualTo(srt);
    }

    @Test
    void convertingToTheSameFormatNormalizes() {
        assertThat(converter.convert(Corpus.read("crlf.srt"), SubtitleFormat.SRT))
                .isEqualTo(Corpus.read("crlf.expected.srt"));
    }
}
