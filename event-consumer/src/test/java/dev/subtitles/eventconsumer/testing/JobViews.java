package dev.subtitles.eventconsumer.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.projection.ProjectionKeys;
import io.quarkus.redis.datasource.RedisDataSource;

/** Reads the Redis view of a job the way the manager does, for assertions. */
@ApplicationScoped
public class JobViews {

    private final RedisDataSource redis;
    private final ProjectionKeys keys;

    public JobViews(RedisDataSource redis, ProjectionKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** The job hash; empty when the job has none. */
    public Map<String, String> job(UUID jobId) {
        return redis.hash(String.class).hgetall(keys.job(jobId));
    }

    /** The history entries, oldest first. */
    public List<String> history(UUID jobId) {
        return redis.sortedSet(String.class).zrange(keys.history(jobId), 0, -1);
    }

    /** The phase in the job hash, or {@code null}. */
    public String phase(UUID jobId) {
        return job(jobId).get("phase");
    }

    /** Deletes the job's keys, as a Redis flush would. */
    public void forget(UUID jobId) {
        redis.key().del(keys.job(jobId), keys.history(jobId));
    }

    /** Seconds the job hash has left to live. */
    public long ttl(UUID jobId) {
        return redis.key().ttl(keys.job(jobId));
    }
}
