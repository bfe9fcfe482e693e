package dev.subtitles.common.format;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One subtitle cue: when it is shown and the text lines it shows.
 * <p>
 * Text lines are kept exactly as read, styling included ({@code <i>}, {@code <b>}, {@code <font ...>},
 * {@code {\an8}}): the pipeline translates text, it does not restyle it. A cue is always writable in both formats and
 * reads back equal, which is why the constructor refuses what neither format can carry: a line break or a blank line
 * inside a line (a blank line ends a cue), or {@code -->} (it marks a timing line).
 *
 * @param index the 1-based position of the cue in its subtitle. The numbers written in a file are unreliable
 *        (missing, duplicated, out of order), so the parser numbers cues by position and the writer renumbers them.
 * @param start when the cue appears, not negative
 * @param end when the cue disappears, not before {@code start}
 * @param lines the text lines, possibly none (an empty cue)
 * @param identifier the WebVTT cue identifier, or {@code null}; SRT has none
 * @param settings the WebVTT cue settings written after the timing (e.g. {@code align:start position:10%}), or
 *        {@code null}; SRT has none
 */
public record Cue(int index, Duration start, Duration end, List<String> lines, String identifier, String settings) {

    private static final String ARROW = "-->";

    public Cue {
        if (index < 1) {
            throw new IllegalArgumentException("cue index must be 1 or more, was " + index);
        }
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.isNegative()) {
            throw new IllegalArgumentException("cue " + index + " starts before zero: " + start);
        }
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("cue " + index + " ends (" + end + ") before it starts (" + start + ")");
        }
        lines = List.copyOf(lines);
        for (String line : lines) {
            requireWritable(line, "text line");
        }
        if (identifier != null) {
            requireWritable(identifier, "identifier");
        }
        if (settings != null) {
            requireWritable(settings, "settings");
        }
    }

    /** A cue without WebVTT identifier or settings, as every SRT cue is. */
    public Cue(int index, Duration start, Duration end, List<String> lines) {
        this(index, start, end, lines, null, null);
    }

    /** The same cue, same timing, identifier and settings, showing other text: what a translation produces. */
    public Cue withLines(List<String> newLines) {
        return new Cue(index, start, end, newLines, identifier, settings);
    }

    private static void requireWritable(String value, String what) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("cue " + what + " must not be blank");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("cue " + what + " must be a single line: " + value);
        }
        if (value.contains(ARROW)) {
            throw new IllegalArgumentException("cue " + what + " must not contain '-->': " + value);
        }
    }
}
