package dev.subtitles.common.tenant;

import java.util.regex.Pattern;

/**
 * Tenant ids: the owner of a job, taken from the caller's token and carried by every event of the job (the CloudEvent
 * extension {@code tenant}, docs/events.md). An id is 1 to 64 characters, letters, digits, {@code .}, {@code _} and
 * {@code -}, starting with a letter or digit, so that it can go into Redis keys, metric tags and log lines as it is.
 */
public final class Tenants {

    /** The tenant of jobs submitted with authentication off, and of events written before tenants existed. */
    public static final String DEFAULT = "default";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Tenants() {
    }

    /** Whether {@code tenant} is a well-formed tenant id. */
    public static boolean isValid(String tenant) {
        return tenant != null && VALID.matcher(tenant).matches();
    }

    /**
     * {@code tenant}, checked.
     *
     * @throws IllegalArgumentException when it is not a well-formed tenant id
     */
    public static String require(String tenant) {
        if (!isValid(tenant)) {
            throw new IllegalArgumentException("tenant must be 1 to 64 letters, digits, '.', '_' or '-', starting"
                    + " with a letter or digit, was '" + tenant + "'");
        }
        return tenant;
    }
}
