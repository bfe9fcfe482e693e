package dev.subtitles.downloader.job;

import java.time.Duration;

import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.common.worker.JobPhases;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * The local Redis ({@code REDIS_URL}) for tests of the scripts that read a job's projected phase and decided outcome:
 * the projection's keys ({@link ProjectionKeys}) under the given prefix.
 */
final class JobKeysRedis implements AutoCloseable {

    private final Vertx vertx;
    private final Redis client;
    private final ReactiveRedisDataSource redis;
    private final JobPhases phases;
    private final JobOutcomes outcomes;

    private JobKeysRedis(String prefix) {
        this.vertx = Vertx.vertx();
        this.client = Redis.createClient(vertx, System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379"));
        this.redis = dataSource(vertx, client);
        ProjectionKeys keys = new ProjectionKeys(prefix);
        this.phases = new JobPhases(redis, keys);
        this.outcomes = new JobOutcomes(redis, keys, Duration.ofMinutes(1));
    }

    static JobKeysRedis connect(String prefix) {
        return new JobKeysRedis(prefix);
    }

    /** A data source over {@code client}, for a test that needs one of its own (say, on a closed port). */
    static ReactiveRedisDataSource dataSource(Vertx vertx, Redis client) {
        return new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
    }

    Vertx vertx() {
        return vertx;
    }

    ReactiveRedisDataSource redis() {
        return redis;
    }

    JobPhases phases() {
        return phases;
    }

    JobOutcomes outcomes() {
        return outcomes;
    }

    @Override
    public void close() {
        client.close();
        vertx.closeAndAwait();
    }
}
