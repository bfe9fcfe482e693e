package dev.subtitles.translator.engine;

/**
 * Why an engine could not translate. The subclass says what to do about it: retry later, retry smaller, or give up.
 */
public abstract class EngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
