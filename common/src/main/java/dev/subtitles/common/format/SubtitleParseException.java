package dev.subtitles.common.format;

/**
 * A text that cannot be read as a subtitle. The message names the line and the problem, so that a person can fix the
 * file or a worker can report why a candidate was rejected.
 */
public class SubtitleParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;

    SubtitleParseException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    /** The 1-based line number where the problem was found (line endings of any style count as one). */
    public int line() {
        return line;
    }
}
