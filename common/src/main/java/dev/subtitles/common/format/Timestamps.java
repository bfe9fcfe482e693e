package dev.subtitles.common.format;

import java.time.Duration;

/**
 * Reads and writes the {@code HH:MM:SS,mmm} / {@code HH:MM:SS.mmm} timestamps of both formats, by hand rather than with
 * a regular expression: a 1,500-cue film has 3,000 of them, and a scan with no backtracking stays linear.
 */
final class Timestamps {

    private static final int MAX_HOUR_DIGITS = 4;
    private static final int MAX_FRACTION_DIGITS = 3;

    private Timestamps() {
    }

    /**
     * Reads {@code [H:]MM:SS[,mmm]}, tolerating what real files do: hours of 1 to 4 digits or absent (WebVTT),
     * {@code ,} or {@code .} before the fraction, a fraction of 1 to 3 digits read as a decimal fraction ({@code ,5}
     * is 500 ms) or no fraction at all. Minutes and seconds keep exactly two digits, so that a cut-off time
     * ({@code 00:0}) is not mistaken for a short one.
     *
     * @return the timestamp, or {@code null} when {@code text} is not one
     */
    static Duration parse(String text) {
        long[] fields = new long[3];
        int fieldCount = 0;
        int position = 0;
        int length = text.length();
        int firstFieldDigits = 0;
        while (true) {
            int digitsStart = position;
            long value = 0;
            while (position < length && isDigit(text.charAt(position)) && position - digitsStart < MAX_HOUR_DIGITS) {
                value = value * 10 + (text.charAt(position) - '0');
                position++;
            }
            int digits = position - digitsStart;
            if (digits == 0 || fieldCount == fields.length) {
                return null;
            }
            if (fieldCount == 0) {
                firstFieldDigits = digits;
            } else if (digits != 2) {
                return null;
            }
            fields[fieldCount++] = value;
            if (position < length && text.charAt(position) == ':') {
                position++;
            } else {
                break;
            }
        }
        if (fieldCount < 2 || (fieldCount == 2 && firstFieldDigits != 2)) {
            return null;
        }
        long millis = 0;
        if (position < length && (text.charAt(position) == ',' || text.charAt(position) == '.')) {
            position++;
            int fractionStart = position;
            int scale = 100;
            while (position < length && isDigit(text.charAt(position))
                    && position - fractionStart < MAX_FRACTION_DIGITS) {
                millis += (text.charAt(position) - '0') * scale;
                scale /= 10;
                position++;
            }
            if (position == fractionStart) {
                return null;
            }
        }
        if (position != length) {
            return null;
        }
        long hours = fieldCount == 3 ? fields[0] : 0;
        long minutes = fields[fieldCount - 2];
        long seconds = fields[fieldCount - 1];
        if (minutes > 59 || seconds > 59) {
            return null;
        }
        return Duration.ofMillis(((hours * 60 + minutes) * 60 + seconds) * 1000 + millis);
    }

    /** Appends {@code HH:MM:SS<separator>mmm}, hours on at least two digits, truncated to the millisecond. */
    static void append(StringBuilder out, Duration time, char separator) {
        long millis = time.toMillis();
        long hours = millis / 3_600_000;
        if (hours < 10) {
            out.append('0');
        }
        out.append(hours).append(':');
        appendTwoDigits(out, millis / 60_000 % 60);
        out.append(':');
        appendTwoDigits(out, millis / 1000 % 60);
        out.append(separator);
        long fraction = millis % 1000;
        if (fraction < 100) {
            out.append('0');
        }
        appendTwoDigits(out, fraction);
    }

    private static void appendTwoDigits(StringBuilder out, long value) {
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
