package dev.subtitles.common.projection;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The Redis keys and the pub/sub channel of the projection (docs/projection.md), all under the one configured prefix
 * ({@link ProjectionConfig}): the event-consumer writes the job hash, the history and the channel; the manager reads
 * them; the manager and the workers share the outcome keys, and the workers read the phase from the job hash.
 */
@Singleton
public class ProjectionKeys {

    private final String prefix;

    @Inject
    public ProjectionKeys(ProjectionConfig config) {
        this(config.keyPrefix().orElse(""));
    }

    /** @param prefix put before every key and the channel; empty for none */
    public ProjectionKeys(String prefix) {
        this.prefix = prefix;
    }

    /** The hash with the job's phase, result or error, and last event ({@link JobHash}): {@code <prefix>job:<id>}. */
    public String job(UUID jobId) {
        return prefix + "job:" + jobId;
    }

    /** The sorted set of the job's history entries, scored by sequence number: {@code <prefix>job:<id>:events}. */
    public String history(UUID jobId) {
        return job(jobId) + ":events";
    }

    /** The channel that carries each newly projected history entry: {@code <prefix>job-events}. */
    public String channel() {
        return prefix + "job-events";
    }

    /** The job's decided outcome ({@code JobOutcomes}): {@code <prefix>outcome:<id>}. */
    public String outcome(UUID jobId) {
        return prefix + "outcome:" + jobId;
    }
}
