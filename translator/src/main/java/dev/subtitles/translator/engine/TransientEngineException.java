package dev.subtitles.translator.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure a later attempt may not meet: the engine is unreachable, overloaded, timed out or rate limited.
 * The job is retried with backoff.
 */
public class TransientEngineException extends EngineException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /**
     * @param retryAfter how long the engine asked us to wait (an HTTP {@code Retry-After}), or {@code null}
     */
    public TransientEngineException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public TransientEngineException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** The wait the engine asked for, when it said one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
