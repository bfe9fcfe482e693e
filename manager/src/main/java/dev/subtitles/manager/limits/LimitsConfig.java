package dev.subtitles.manager.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The per-tenant limits of the manager (docs/limits.md); each can be set through the environment variable Quarkus
 * derives from its name (e.g. {@code MANAGER_LIMITS_SUBMISSIONS_PER_SECOND}). Over a limit, a request gets 429 with
 * {@code Retry-After}.
 */
@ConfigMapping(prefix = "manager.limits")
public interface LimitsConfig {

    /**
     * Submissions a tenant may make per second, sustained, over all manager instances together (the rate its token
     * bucket refills at). May be fractional: {@code 0.5} is one submission every two seconds.
     */
    @WithDefault("50")
    double submissionsPerSecond();

    /** Submissions a tenant may make at once after being idle (the size of its token bucket). */
    @WithDefault("100")
    int submissionBurst();

    /**
     * Most jobs a tenant may have in flight (submitted and not ended); a submission beyond it is refused with 429
     * ({@code JobsInFlight}).
     */
    @WithDefault("1000")
    int jobsInFlight();

    /** Live connections (SSE and WebSocket together) a tenant may have open on one manager instance. */
    @WithDefault("100")
    int liveConnectionsPerTenant();
}
