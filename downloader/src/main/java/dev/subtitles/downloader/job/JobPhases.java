package dev.subtitles.downloader.job;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.downloader.config.DownloaderConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;

/**
 * Reads a job's current phase from the hash the event-consumer keeps in Redis ({@code job:{id}}, field
 * {@code phase}). The downloader only reads it, to notice cancellation: the event-consumer is its single writer.
 */
@ApplicationScoped
public class JobPhases {

    private final ReactiveHashCommands<String, String, String> hashes;
    private final String prefix;

    public JobPhases(ReactiveRedisDataSource redis, DownloaderConfig config) {
        this.hashes = redis.hash(String.class);
        this.prefix = config.redis().jobKeyPrefix();
    }

    /** The job's phase; empty when the event-consumer has not recorded the job (yet) or the value is unknown. */
    public Uni<Optional<JobPhase>> phaseOf(UUID jobId) {
        return hashes.hget(prefix + jobId, "phase").map(JobPhases::parse);
    }

    /** Whether the job was cancelled. */
    public Uni<Boolean> isCancelled(UUID jobId) {
        return phaseOf(jobId).map(phase -> phase.filter(JobPhase.CANCELLED::equals).isPresent());
    }

    private static Optional<JobPhase> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JobPhase.valueOf(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
