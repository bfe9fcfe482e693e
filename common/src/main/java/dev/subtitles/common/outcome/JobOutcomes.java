package dev.subtitles.common.outcome;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.subtitles.common.projection.ProjectionKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Decides, once per job, how it ends, so that a job has exactly one terminal event.
 * <p>
 * Three parties can end a job: the worker holding it (with its result or failure), the manager when a user cancels
 * it, and the manager's deadline sweep when nothing ends it in time. Each first records its outcome here and publishes
 * its terminal event only if its outcome is the one that stands; the others drop their work silently. One Redis key
 * per job, {@code SET NX GET}: a single round trip both decides and tells who decided first. The key outlives the job
 * by {@code retention}.
 * <p>
 * A redelivered worker request finds {@link Outcome#FINISHED} standing and publishes again, with the same
 * deterministic event ids, which every consumer ignores as duplicates.
 * <p>
 * The key ({@link #key}), the stored values ({@link Outcome#value()}) and the retention are public so that a worker can
 * read or record the outcome inside a script of its own, in the round trip that also checks its claim; such a script
 * must record with the same {@code SET NX GET PX retention}.
 */
public class JobOutcomes {

    private final ReactiveRedisDataSource redis;
    private final ProjectionKeys keys;
    private final Duration retention;
    private final String retentionMillis;

    /**
     * @param keys where the per-job keys are ({@link ProjectionKeys#outcome})
     * @param retention how long a decision is kept: longer than any job can run
     */
    public JobOutcomes(ReactiveRedisDataSource redis, ProjectionKeys keys, Duration retention) {
        this.redis = redis;
        this.keys = keys;
        this.retention = retention;
        this.retentionMillis = Long.toString(retention.toMillis());
    }

    /** How a job ends. */
    public enum Outcome {
        /** A worker ends it with its result or its failure. */
        FINISHED,
        /** A user cancelled it. */
        CANCELLED,
        /** Nothing ended it within its deadline. */
        TIMED_OUT;

        /** The value stored in Redis for this outcome. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The outcome stored in Redis as {@code value}; fails on a value no outcome stores. */
        public static Outcome of(String value) {
            for (Outcome outcome : values()) {
                if (outcome.value().equals(value)) {
                    return outcome;
                }
            }
            throw new IllegalStateException("unknown job outcome '" + value + "' in Redis");
        }
    }

    /**
     * Records {@code outcome} as the job's end unless another was recorded first; the item is the outcome that
     * stands: {@code outcome} itself when this call decided (or the same outcome was decided before).
     */
    public Uni<Outcome> decide(UUID jobId, Outcome outcome) {
        return redis.execute("SET", key(jobId), outcome.value(), "NX", "GET", "PX", retentionMillis)
                .map(previous -> previous == null ? outcome : Outcome.of(previous.toString()));
    }

    /** The outcome decided so far, empty while the job is open. */
    public Uni<Optional<Outcome>> decided(UUID jobId) {
        return redis.execute("GET", key(jobId)).map(JobOutcomes::outcomeOf);
    }

    private static Optional<Outcome> outcomeOf(Response value) {
        return value == null ? Optional.empty() : Optional.of(Outcome.of(value.toString()));
    }

    /** The key holding the job's outcome. */
    public String key(UUID jobId) {
        return keys.outcome(jobId);
    }

    /** How long a decision is kept. */
    public Duration retention() {
        return retention;
    }
}
