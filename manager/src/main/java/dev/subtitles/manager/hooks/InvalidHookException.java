package dev.subtitles.manager.hooks;

/** A field of a hook registration the API cannot take; names the field so the client can fix it. */
public class InvalidHookException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidHookException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The offending field's JSON path ({@code url}, {@code eventTypes[1]}). */
    public String field() {
        return field;
    }
}
