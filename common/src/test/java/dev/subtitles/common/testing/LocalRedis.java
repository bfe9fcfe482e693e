package dev.subtitles.common.testing;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * A connection to the local Redis ({@code REDIS_URL}, else {@code localhost:6379}) for plain unit tests, outside any
 * Quarkus application. The Redis is shared: tests keep to keys of their own.
 */
public final class LocalRedis implements AutoCloseable {

    private final Vertx vertx;
    private final Redis client;
    private final ReactiveRedisDataSource redis;

    private LocalRedis() {
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379"));
        redis = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
    }

    public static LocalRedis connect() {
        return new LocalRedis();
    }

    public ReactiveRedisDataSource dataSource() {
        return redis;
    }

    @Override
    public void close() {
        client.close();
        vertx.closeAndAwait();
    }
}
