package dev.subtitles.manager.service;

/** A query parameter has a value the endpoint cannot use; names the parameter so the client can fix it. */
public class InvalidQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidQueryException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The offending query parameter. */
    public String parameter() {
        return parameter;
    }
}
