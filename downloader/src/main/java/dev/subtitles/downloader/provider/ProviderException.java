package dev.subtitles.downloader.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A provider failed in a way the caller can classify: the {@link Kind} decides whether the job retries, whether the
 * provider is suspended, and for how long.
 */
public class ProviderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a provider failed. */
    public enum Kind {
        /** Outage, 5xx or timeout: try again later. */
        UNAVAILABLE,
        /** Too many requests: wait for {@link #retryAfter()} if the provider said so. */
        RATE_LIMITED,
        /** Daily download quota used up: nothing works before {@link #resumeAt()}. */
        QUOTA_EXHAUSTED,
        /** The provider refuses us for good (bad credentials, bad request): retrying will not help. */
        REJECTED
    }

    private final String provider;
    private final Kind kind;
    private final transient Duration retryAfter;
    private final transient Instant resumeAt;

    public ProviderException(String provider, Kind kind, String message, Duration retryAfter, Instant resumeAt,
            Throwable cause) {
        super(provider + ": " + message, cause);
        this.provider = provider;
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.resumeAt = resumeAt;
    }

    public static ProviderException unavailable(String provider, String message, Throwable cause) {
        return new ProviderException(provider, Kind.UNAVAILABLE, message, null, null, cause);
    }

    public static ProviderException rateLimited(String provider, Duration retryAfter) {
        return new ProviderException(provider, Kind.RATE_LIMITED, "rate limited", retryAfter, null, null);
    }

    public static ProviderException quotaExhausted(String provider, Instant resumeAt, String message) {
        return new ProviderException(provider, Kind.QUOTA_EXHAUSTED, message, null, resumeAt, null);
    }

    public static ProviderException rejected(String provider, String message) {
        return new ProviderException(provider, Kind.REJECTED, message, null, null, null);
    }

    public String provider() {
        return provider;
    }

    public Kind kind() {
        return kind;
    }

    /** How long the provider asked us to wait, when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** When the provider's quota resets, when it said so. */
    public Optional<Instant> resumeAt() {
        return Optional.ofNullable(resumeAt);
    }
}
