package dev.subtitles.common.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code time} attribute of an event: written in UTC with six fraction digits ({@code 2026-11-25T14:01:30.123456Z},
 * so that the times of one event stream have one length and sort as strings), read as any RFC 3339 timestamp.
 * Every event carries one and every service writes and reads it, so the shape this codebase writes is formatted and
 * parsed by hand; {@link DateTimeFormatter} costs several times as much on each message.
 */
final class EventTimes {

    private static final DateTimeFormatter WRITTEN = DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int LENGTH = "2026-11-25T14:01:30.123456Z".length();

    private EventTimes() {
    }

    /** {@code time} as written in events. */
    static String format(Instant time) {
        LocalDateTime utc = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        if (utc.getYear() < 1000 || utc.getYear() > 9999) {
            return WRITTEN.format(time);
        }
        StringBuilder text = new StringBuilder(LENGTH).append(utc.getYear());
        pad(text.append('-'), utc.getMonthValue(), 2);
        pad(text.append('-'), utc.getDayOfMonth(), 2);
        pad(text.append('T'), utc.getHour(), 2);
        pad(text.append(':'), utc.getMinute(), 2);
        pad(text.append(':'), utc.getSecond(), 2);
        pad(text.append('.'), utc.getNano() / 1000, 6);
        return text.append('Z').toString();
    }

    /**
     * The instant of an RFC 3339 timestamp (with an offset).
     *
     * @throws DateTimeParseException when {@code text} is not one
     */
    static Instant parse(String text) {
        if (text.length() == LENGTH && hasWrittenShape(text)) {
            try {
                return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2),
                        digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2), digits(text, 20, 6) * 1000)
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                // a field out of range: the general parser below says which
            }
        }
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    private static boolean hasWrittenShape(String text) {
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                case 26 -> c == 'Z';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static void pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        text.append("0".repeat(width - digits.length())).append(digits);
    }
}
