package dev.subtitles.common.format;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files that cannot be subtitles are rejected with a message naming the offending line and the problem. */
class MalformedCorpusTest {

    private final SubtitleParser parser = new SubtitleParser();

    @ParameterizedTest(name = "{0} fails at line {1}")
    @CsvSource(delimiter = '|', value = {
            "malformed-bad-timing.srt        | 6  | end time of timing line '00:00:03,000 --> 00:00:0x,000' is not a timestamp",
            "malformed-end-before-start.srt  | 6  | the cue ends (00:00:04.000) before it starts (00:00:09.000)",
            "malformed-empty.srt             | 1  | no subtitle cue found",
            "malformed-random-text.srt       | 3  | text outside any cue, expected a timing line",
            "malformed-truncated.srt         | 6  | end time of timing line '00:00:03,000 --> 00:0' is not a timestamp",
            "malformed-missing-timing.srt    | 5  | cue number 2 is not followed by a timing line",
            "malformed-crlf-bad-timing.srt   | 10 | end time of timing line '00:00:04 --> later' is not a timestamp",
            "malformed-no-header.vtt         | 1  | a WebVTT file starts with 'WEBVTT'",
            "malformed-only-header.vtt       | 3  | no subtitle cue found" })
    void malformedFileIsRejectedAtTheRightLine(String name, int line, String problem) {
        assertThatThrownBy(() -> parser.parse(Corpus.read(name), Corpus.formatOf(name)))
                .isInstanceOf(SubtitleParseException.class)
                .hasMessageStartingWith("line " + line + ": ")
                .hasMessageContaining(problem)
                .extracting(e -> ((SubtitleParseException) e).line()).isEqualTo(line);
    }
}
