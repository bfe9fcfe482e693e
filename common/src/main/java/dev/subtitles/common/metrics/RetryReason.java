package dev.subtitles.common.metrics;

import java.util.Locale;

/** Why a worker runs an attempt again, the {@code reason} of {@code subtitles_retries_total}. */
public enum RetryReason {
    /** Subtitle providers were unavailable, rate limited or out of quota. */
    PROVIDERS_UNAVAILABLE,
    /** The translation engine failed with a transient error. */
    ENGINE_UNAVAILABLE,
    /** The worker's database, broker or code failed during the attempt. */
    INFRASTRUCTURE,
    /** How the job ends could not be asked (Redis away): the same attempt is put back, without an event. */
    UNDECIDED,
    /** Another consumer holds the attempt: it is looked at again once that claim lapses. */
    BUSY;

    /** The tag value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
