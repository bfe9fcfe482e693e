package dev.subtitles.common.format;

import java.util.ArrayList;
import java.util.List;

/** Splits a subtitle text into lines whatever its line endings (CRLF, LF, CR alone), dropping a leading BOM. */
final class TextLines {

    private static final char BOM = '\uFEFF';

    private TextLines() {
    }

    /** The lines without their endings; a final line ending does not start an extra empty line. */
    static List<String> split(String text) {
        int start = !text.isEmpty() && text.charAt(0) == BOM ? 1 : 0;
        List<String> lines = new ArrayList<>(text.length() / 24 + 1);
        int lineStart = start;
        for (int position = start; position < text.length(); position++) {
            char c = text.charAt(position);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(lineStart, position));
                if (c == '\r' && position + 1 < text.length() && text.charAt(position + 1) == '\n') {
                    position++;
                }
                lineStart = position + 1;
            }
        }
        if (lineStart < text.length()) {
            lines.add(text.substring(lineStart));
        }
        return lines;
    }

    /** The text with a leading BOM removed. */
    static String withoutBom(String text) {
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }
}
