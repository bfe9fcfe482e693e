package dev.subtitles.translator.job;

/** The job cannot be done whatever the engine does: the source file is missing or unreadable, the result too big. */
public class UntranslatableSubtitleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    /**
     * @param errorCode the {@code job.failed} error code
     */
    public UntranslatableSubtitleException(String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
