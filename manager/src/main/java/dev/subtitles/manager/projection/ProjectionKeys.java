package dev.subtitles.manager.projection;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.manager.config.ManagerConfig;

/** Names of the Redis keys and channel of the projection (PROJECTION_CONTRACT.md), with the configured prefix. */
@ApplicationScoped
public class ProjectionKeys {

    private final String prefix;

    public ProjectionKeys(ManagerConfig config) {
        this.prefix = config.projection().keyPrefix().orElse("");
    }

    /** The hash with the job's phase, result and last event. */
    public String job(UUID jobId) {
        return prefix + "job:" + jobId;
    }

    /** The sorted set of the job's history entries, scored by sequence number. */
    public String history(UUID jobId) {
        return prefix + "job:" + jobId + ":events";
    }

    /** The pub/sub channel that carries each newly projected history entry. */
    public String channel() {
        return prefix + "job-events";
    }
}
