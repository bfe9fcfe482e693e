package dev.subtitles.manager.limits;

import java.time.Duration;
import java.util.Optional;

import dev.subtitles.common.projection.ProjectionConfig;

/** Limits and a key prefix of a test's own, for limiters built by hand. */
record TestLimits(double submissionsPerSecond, int submissionBurst, int jobsInFlight, int liveConnectionsPerTenant)
        implements
            LimitsConfig {

    static TestLimits submissions(double perSecond, int burst) {
        return new TestLimits(perSecond, burst, 1000, 100);
    }

    static TestLimits liveConnections(int perTenant) {
        return new TestLimits(50, 100, 1000, perTenant);
    }

    /** The projection settings with {@code prefix} as the key prefix. */
    record Prefix(Optional<String> keyPrefix, Duration outcomeRetention) implements ProjectionConfig {

        Prefix(String prefix) {
            this(Optional.of(prefix), Duration.ofDays(7));
        }
    }
}
