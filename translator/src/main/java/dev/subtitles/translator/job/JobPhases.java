package dev.subtitles.translator.job;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.translator.config.TranslatorConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;

/**
 * Reads a job's current phase from the event-consumer's projection (Redis hash {@code job:{id}}, field
 * {@code phase}). The translator never writes it; it looks before each step so that a cancelled job stops early.
 */
@ApplicationScoped
public class JobPhases {

    private static final Logger LOG = Logger.getLogger(JobPhases.class);

    private final ReactiveHashCommands<String, String, String> hashes;
    private final String keyPrefix;

    public JobPhases(ReactiveRedisDataSource redis, TranslatorConfig config) {
        this.hashes = redis.hash(String.class);
        this.keyPrefix = config.phases().keyPrefix();
    }

    /**
     * The projected phase; empty when the projection has not seen the job (yet), holds an unknown value, or cannot
     * be read. Redis is a cache of the event log: when it is down, jobs go on rather than wait or fail, and a
     * cancellation is noticed at the next look.
     */
    public Uni<Optional<JobPhase>> phaseOf(UUID jobId) {
        return hashes.hget(keyPrefix + jobId, "phase").<Optional<JobPhase>> map(value -> {
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(JobPhase.valueOf(value));
            } catch (IllegalArgumentException e) {
                LOG.warnf("job %s has an unknown phase '%s' in Redis; carrying on", jobId, value);
                return Optional.empty();
            }
        }).onFailure().recoverWithItem(failure -> {
            LOG.warnf("cannot read the phase of job %s (%s); carrying on", jobId, failure.getMessage());
            return Optional.<JobPhase> empty();
        });
    }
}
