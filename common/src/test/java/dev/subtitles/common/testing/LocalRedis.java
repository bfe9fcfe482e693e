package dev.subtitles.common.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * The local Redis ({@code REDIS_URL}, else {@code localhost:6379}) for plain unit tests, outside any Quarkus
 * application: registered as a static extension, it connects before the class's tests and disconnects after them.
 * The Redis is shared: tests keep to keys of their own.
 */
public final class LocalRedis implements BeforeAllCallback, AfterAllCallback {

    private Vertx vertx;
    private Redis client;
    private ReactiveRedisDataSource redis;

    @Override
    public void beforeAll(ExtensionContext context) {
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379"));
        redis = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        vertx.closeAndAwait();
    }

    /** The connection, from before the first test on. */
    public ReactiveRedisDataSource dataSource() {
        return redis;
    }
}
