package dev.subtitles.manager.limits;

import java.time.Duration;
import java.util.Objects;

/** A tenant is over one of its limits: the request is refused with 429 and a {@code Retry-After}. */
public class TooManyRequestsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /**
     * @param detail which limit, in words a caller understands
     * @param retryAfter how long until a retry can succeed
     */
    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter is required");
    }

    /** How long until a retry can succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
