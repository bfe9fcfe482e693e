package dev.subtitles.manager.service;

/** PostgreSQL or Redis could not be reached, or did not answer in time; the request may succeed later. */
public class DependencyUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
