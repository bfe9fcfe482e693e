package dev.subtitles.common.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A WEBVTT signature line makes a text WebVTT; anything else is read as SRT. */
class FormatDetectionTest {

    private final SubtitleParser parser = new SubtitleParser();

    @ParameterizedTest
    @ValueSource(strings = { "WEBVTT\n\n00:01.000 --> 00:02.000\nA\n", "WEBVTT", "WEBVTT - title\n",
            "WEBVTT\ttitle\r\n", "\uFEFFWEBVTT\n", "\n\r\n  WEBVTT\n" })
    void webVttSignatureMeansVtt(String text) {
        assertThat(parser.detect(text)).isEqualTo(SubtitleFormat.VTT);
    }

    @ParameterizedTest
    @ValueSource(strings = { "1\n00:00:01,000 --> 00:00:02,000\nA\n", "", "WEBVTTX\n", "webvtt\n",
            "Some text\nWEBVTT\n" })
    void anythingElseMeansSrt(String text) {
        assertThat(parser.detect(text)).isEqualTo(SubtitleFormat.SRT);
    }
}
