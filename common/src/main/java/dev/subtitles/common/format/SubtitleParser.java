package dev.subtitles.common.format;

/**
 * Reads SRT and WebVTT texts as real files are, not only as the specifications describe them. Stateless and
 * thread-safe.
 * <p>
 * Tolerated, in both formats: a UTF-8 byte order mark; CRLF, LF or CR line endings; blank lines (or spaces) before,
 * between and after cues in any number; trailing spaces; a missing blank line between two cues; {@code ,} or
 * {@code .} before the milliseconds, 1 to 3 fraction digits ({@code ,5} is 500 ms) or none; hours of 1 to 4 digits
 * or none ({@code MM:SS.mmm}; minutes and seconds always take two digits); spaces around {@code -->} optional; a
 * text block after a blank line that starts no cue, which continues the previous cue (the blank line is dropped).
 * SRT cue numbers that are missing, duplicated or out of order are ignored: cues keep their order in the file (never
 * sorted by start time) and are numbered by position; text after an SRT end time (old {@code X1:} coordinates) is
 * ignored. Styling ({@code <i>}, {@code <b>}, {@code <font ...>}, {@code {\an8}}) and entities are kept as they are
 * in the text lines.
 * <p>
 * WebVTT: the header line may carry text after {@code WEBVTT} and be followed by more header lines ({@code Kind:},
 * {@code Language:}); {@code NOTE}, {@code STYLE} and {@code REGION} blocks are kept with their position; cue
 * identifiers and cue settings are kept.
 * <p>
 * Rejected with a {@link SubtitleParseException} naming the line: a text with no cue; a WebVTT text whose first line
 * is not {@code WEBVTT}; a timing line whose times are not timestamps; a cue that ends before it starts; text outside
 * any cue (before the first timing line, or after a WebVTT block); an SRT cue number not followed by a timing line (a
 * truncated file or a lost timing); a non-numeric line in place of an SRT cue number.
 */
public final class SubtitleParser {

    /**
     * Reads a subtitle in the given format.
     *
     * @throws SubtitleParseException when the text cannot be a subtitle in that format
     */
    public Subtitle parse(String text, SubtitleFormat format) {
        return new SubtitleReader(text, format).read();
    }

    /**
     * Reads a subtitle in the format {@link #detect(String)} recognises.
     *
     * @throws SubtitleParseException when the text cannot be a subtitle
     */
    public Subtitle parse(String text) {
        return parse(text, detect(text));
    }

    /**
     * Tells the format of a text: WebVTT when its first non-blank line is a {@code WEBVTT} header (after an optional
     * BOM), SRT otherwise. Detection never fails; a text that is neither is rejected by {@link #parse}.
     */
    public SubtitleFormat detect(String text) {
        String content = TextLines.withoutBom(text);
        int start = 0;
        while (start < content.length() && Character.isWhitespace(content.charAt(start))) {
            start++;
        }
        int end = start;
        while (end < content.length() && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
            end++;
        }
        return Subtitle.isVttSignature(content.substring(start, end)) ? SubtitleFormat.VTT : SubtitleFormat.SRT;
    }
}
