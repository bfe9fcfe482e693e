package dev.subtitles.common.projection;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the projection lives in Redis, the one setting every service shares: the event-consumer writes the job view
 * under it, the manager reads it, and the manager and the workers keep the per-job outcomes and look up phases under
 * it. Set through {@code PROJECTION_KEY_PREFIX}, the same value in every service of a deployment.
 */
@ConfigMapping(prefix = "subtitles.projection")
public interface ProjectionConfig {

    /**
     * Prefix of every key and of the pub/sub channel ({@link ProjectionKeys}), so that several deployments or test
     * runs can share one Redis; none by default. Optional rather than defaulting to "", since an empty value counts
     * as missing in configuration.
     */
    Optional<String> keyPrefix();

    /**
     * How long a job's decided outcome ({@code JobOutcomes}) is kept: longer than any job runs, deadline and
     * redeliveries included, so that a late worker still finds it. Set through {@code JOB_OUTCOME_RETENTION}.
     */
    @WithDefault("7D")
    Duration outcomeRetention();
}
