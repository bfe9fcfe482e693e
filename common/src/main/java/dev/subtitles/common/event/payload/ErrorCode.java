package dev.subtitles.common.event.payload;

import java.util.HashMap;
import java.util.Map;

/**
 * The codes a {@code job.failed} carries in {@link JobFailed#errorCode()}, in one list so that a metric can count
 * each of them from the start. The payload keeps the code as text (the wire format accepts codes a newer producer
 * adds); {@link #of(String)} names a code this version does not know {@link #OTHER}.
 */
public enum ErrorCode {
    /** No provider had a subtitle in the wanted language or in a fallback language. */
    SUBTITLE_NOT_FOUND,
    /** Subtitle providers stayed unavailable through every attempt. */
    PROVIDERS_UNAVAILABLE,
    /** A worker's database or broker kept failing through every attempt. */
    INFRASTRUCTURE_UNAVAILABLE,
    /** The translation engine cannot translate between the two languages. */
    UNSUPPORTED_LANGUAGE_PAIR,
    /** The file to translate is not in the store. */
    SOURCE_FILE_NOT_FOUND,
    /** The file to translate cannot be parsed. */
    SOURCE_FILE_UNREADABLE,
    /** The translation is larger than the store accepts. */
    RESULT_TOO_LARGE,
    /** The translation kept failing with transient errors through every attempt. */
    RETRIES_EXHAUSTED,
    /** The translation engine cannot run (missing program or language pair). */
    ENGINE_UNAVAILABLE,
    /** The translation engine refused the credentials. */
    ENGINE_AUTH_FAILED,
    /** The translation engine's quota is used up. */
    ENGINE_QUOTA_EXCEEDED,
    /** The translation engine refused the request. */
    ENGINE_REJECTED,
    /** An event of the job could not be stored in the event log. */
    EVENT_UNSTORABLE,
    /** Nothing ended the job within the manager's deadline. */
    DEADLINE_EXCEEDED,
    /** A code this version does not know. */
    OTHER;

    private static final Map<String, ErrorCode> BY_NAME = new HashMap<>();

    static {
        for (ErrorCode code : values()) {
            BY_NAME.put(code.name(), code);
        }
    }

    /** The code named {@code code}, or {@link #OTHER}. */
    public static ErrorCode of(String code) {
        return BY_NAME.getOrDefault(code, OTHER);
    }
}
