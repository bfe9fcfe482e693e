package dev.subtitles.translator.engine;

/**
 * A failure no retry fixes soon: bad credentials, quota used up, a request the engine refuses. The job fails
 * with {@link #errorCode()}.
 */
public class PermanentEngineException extends EngineException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    /**
     * @param errorCode the {@code job.failed} error code, upper snake case (e.g. {@code ENGINE_QUOTA_EXCEEDED})
     */
    public PermanentEngineException(String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public PermanentEngineException(String errorCode, String message) {
        this(errorCode, message, null);
    }

    public String errorCode() {
        return errorCode;
    }
}
