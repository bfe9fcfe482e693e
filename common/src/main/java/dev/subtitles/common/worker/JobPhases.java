package dev.subtitles.common.worker;

import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.projection.JobHash;
import dev.subtitles.common.projection.ProjectionKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;

/**
 * Reads a job's current phase from the event-consumer's projection (the job hash {@link ProjectionKeys#job}, field
 * {@link JobHash#PHASE}). Workers never write it (the event-consumer is its single writer); they look before each
 * step so that a cancelled job stops early.
 */
public class JobPhases {

    private static final Logger LOG = Logger.getLogger(JobPhases.class);

    private final ReactiveHashCommands<String, String, String> hashes;
    private final ProjectionKeys keys;

    public JobPhases(ReactiveRedisDataSource redis, ProjectionKeys keys) {
        this.hashes = redis.hash(String.class);
        this.keys = keys;
    }

    /**
     * The projected phase; empty when the projection has not seen the job (yet), holds an unknown value, or cannot
     * be read. Redis is a cache of the event log: when it is down, jobs go on rather than wait or fail, and a
     * cancellation is noticed at the next look.
     */
    public Uni<Optional<JobPhase>> phaseOf(UUID jobId) {
        return hashes.hget(key(jobId), JobHash.PHASE).<Optional<JobPhase>> map(value -> {
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(JobPhase.valueOf(value));
            } catch (IllegalArgumentException e) {
                LOG.warnf("Job %s has an unknown phase '%s' in Redis; carrying on", jobId, value);
                return Optional.empty();
            }
        }).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Cannot read the phase of job %s (%s); carrying on", jobId, failure.getMessage());
            return Optional.<JobPhase> empty();
        });
    }

    /** The projection's hash of the job, for a worker that reads the phase inside a script of its own. */
    public String key(UUID jobId) {
        return keys.job(jobId);
    }
}
