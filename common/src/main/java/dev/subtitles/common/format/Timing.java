package dev.subtitles.common.format;

import java.time.Duration;

/**
 * A cue timing line read: {@code start --> end}, then what follows the end time (WebVTT cue settings).
 *
 * @param settings the text after the end time, or {@code null} when there is none
 */
record Timing(Duration start, Duration end, String settings) {

    static final String ARROW = "-->";

    /** Whether a line is meant as a timing line; neither format allows {@code -->} anywhere else. */
    static boolean isTimingLine(String line) {
        return line.contains(ARROW);
    }

    /**
     * Reads a timing line, spaces around the arrow optional.
     *
     * @param line the line, stripped
     * @param lineNumber where the line is, for the error message
     * @throws SubtitleParseException when a time is not a timestamp or the cue ends before it starts
     */
    static Timing parse(String line, int lineNumber) {
        int arrow = line.indexOf(ARROW);
        Duration start = Timestamps.parse(line.substring(0, arrow).strip());
        if (start == null) {
            throw badTiming(line, lineNumber, "start");
        }
        int endStart = skipWhitespace(line, arrow + ARROW.length());
        int endEnd = endStart;
        while (endEnd < line.length() && !Character.isWhitespace(line.charAt(endEnd))) {
            endEnd++;
        }
        Duration end = Timestamps.parse(line.substring(endStart, endEnd));
        if (end == null) {
            throw badTiming(line, lineNumber, "end");
        }
        if (end.compareTo(start) < 0) {
            throw new SubtitleParseException(lineNumber,
                    "the cue ends (" + display(end) + ") before it starts (" + display(start) + ")");
        }
        String settings = line.substring(endEnd).strip();
        return new Timing(start, end, settings.isEmpty() ? null : settings);
    }

    private static SubtitleParseException badTiming(String line, int lineNumber, String which) {
        return new SubtitleParseException(lineNumber, "the " + which + " time of timing line '" + line
                + "' is not a timestamp, expected HH:MM:SS,mmm --> HH:MM:SS,mmm");
    }

    private static String display(Duration time) {
        StringBuilder out = new StringBuilder(12);
        Timestamps.append(out, time, '.');
        return out.toString();
    }

    private static int skipWhitespace(String line, int from) {
        int position = from;
        while (position < line.length() && Character.isWhitespace(line.charAt(position))) {
            position++;
        }
        return position;
    }
}
