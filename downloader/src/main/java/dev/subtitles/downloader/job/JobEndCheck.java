package dev.subtitles.downloader.job;

import java.util.Arrays;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.projection.JobHash;
import dev.subtitles.common.redis.LuaScript;
import dev.subtitles.common.worker.JobPhases;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The look a running attempt takes before each long step (a provider call, a download), so that a job cancelled or
 * timed out meanwhile stops at its next step instead of running to its end: the job's phase in the event-consumer's
 * projection ({@link JobPhases}) and its decided outcome ({@link JobOutcomes}), read in one script, one round trip
 * instead of two.
 * <p>
 * The job stops when its projected phase is {@link JobPhase#CANCELLED} or a {@link Outcome#CANCELLED} or
 * {@link Outcome#TIMED_OUT} stands. Anything else lets it go on: another phase, one that cannot be read or is unknown
 * (the projection is a cache), {@link Outcome#FINISHED} (an attempt publishing a decided result again), an outcome no
 * {@link Outcome} stores, and Redis failing. A job that goes on wrongly costs one step: its result is checked against
 * the decided outcome before it is published.
 */
@ApplicationScoped
public class JobEndCheck {

    private static final Logger LOG = Logger.getLogger(JobEndCheck.class);

    /**
     * Keys: the job's projection hash, its outcome; argument: the phase field. {@code {phase, outcome}}, each
     * {@code ''} when missing or unreadable (a key of another type), so that the other is still read.
     */
    private static final LuaScript PHASE_AND_OUTCOME = new LuaScript("""
            local phase = redis.pcall('HGET', KEYS[1], ARGV[1])
            local outcome = redis.pcall('GET', KEYS[2])
            if type(phase) ~= 'string' then phase = '' end
            if type(outcome) ~= 'string' then outcome = '' end
            return {phase, outcome}""");

    private final ReactiveRedisDataSource redis;
    private final JobPhases phases;
    private final JobOutcomes outcomes;

    public JobEndCheck(ReactiveRedisDataSource redis, JobPhases phases, JobOutcomes outcomes) {
        this.redis = redis;
        this.phases = phases;
        this.outcomes = outcomes;
    }

    /** Whether the job was cancelled or timed out and its attempt should stop; never fails. */
    public Uni<Boolean> cancelledOrTimedOut(UUID jobId) {
        return PHASE_AND_OUTCOME.run(redis, 2, phases.key(jobId), outcomes.key(jobId), JobHash.PHASE)
                .map(reply -> cancelled(jobId, reply) || endedOtherwise(reply))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Cannot read whether job %s was cancelled (%s); carrying on", jobId,
                            failure.getMessage());
                    return false;
                });
    }

    private static boolean cancelled(UUID jobId, Response reply) {
        String phase = reply.get(0).toString();
        if (!phase.isEmpty() && Arrays.stream(JobPhase.values()).noneMatch(known -> known.name().equals(phase))) {
            LOG.warnf("Job %s has an unknown phase '%s' in Redis; carrying on", jobId, phase);
        }
        return JobPhase.CANCELLED.name().equals(phase);
    }

    private static boolean endedOtherwise(Response reply) {
        String outcome = reply.get(1).toString();
        return Outcome.CANCELLED.value().equals(outcome) || Outcome.TIMED_OUT.value().equals(outcome);
    }
}
