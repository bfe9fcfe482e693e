package dev.subtitles.common.event.payload;

import java.util.List;
import java.util.Objects;

/** Argument checks shared by the payload records, so that every record words its errors the same way. */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " is required");
    }

    static String nonBlank(String value, String name) {
        present(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Optional text: absent is fine, but present-and-blank is a producer bug. */
    static String nullOrNonBlank(String value, String name) {
        return value == null ? null : nonBlank(value, name);
    }

    static int atLeast(int value, int minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    static Integer nullOrAtLeast(Integer value, int minimum, String name) {
        return value == null ? null : atLeast(value, minimum, name);
    }

    /** An optional number: absent is fine, but present it must be finite. */
    static Double nullOrFinite(Double value, String name) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + value);
        }
        return value;
    }

    /** An immutable copy in which every element is non-blank; {@code null} stands for no elements. */
    static List<String> nonBlankElements(List<String> values, String name) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            nonBlank(values.get(i), name + "[" + i + "]");
        }
        return List.copyOf(values);
    }
}
