package dev.subtitles.common.event.payload;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How urgent a job is (docs/topology.md, "Priorities"). Each stage has one work queue per priority, and a request's
 * routing key and queue name carry the priority as a suffix ({@link #suffix()}); {@link #NORMAL} has none, so a
 * normal job travels exactly as jobs did before priorities existed.
 */
public enum Priority {

    HIGH("high"),
    NORMAL("normal"),
    LOW("low");

    private final String value;

    Priority(String value) {
        this.value = value;
    }

    /** The name in the API and in events: {@code high}, {@code normal} or {@code low}. */
    @JsonValue
    public String value() {
        return value;
    }

    /** What a routing key or a queue name of this priority ends with: empty for normal, else {@code .<value>}. */
    public String suffix() {
        return this == NORMAL ? "" : "." + value;
    }

    /**
     * Parses a priority's name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
     */
    @JsonCreator
    public static Priority fromName(String name) {
        if (name != null) {
            for (Priority priority : values()) {
                if (priority.value.equals(name.toLowerCase(Locale.ROOT))) {
                    return priority;
                }
            }
        }
        throw new IllegalArgumentException("unknown priority '" + name + "', expected high, normal or low");
    }

    /** {@code priority}, or {@link #NORMAL} when it is {@code null} (absent from an older message or request). */
    public static Priority orNormal(Priority priority) {
        return priority == null ? NORMAL : priority;
    }
}
