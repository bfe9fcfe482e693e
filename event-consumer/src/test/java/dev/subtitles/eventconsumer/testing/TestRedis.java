package dev.subtitles.eventconsumer.testing;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** Redis housekeeping outside the application: removing exactly the keys a test run created. */
public final class TestRedis {

    private TestRedis() {
    }

    /** Deletes every key starting with {@code prefix} (SCAN, never FLUSHALL: the Redis is shared). */
    public static void deleteKeysStartingWith(String prefix) {
        Vertx vertx = Vertx.vertx();
        try {
            Redis client = Redis.createClient(vertx, System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379"));
            String cursor = "0";
            do {
                Response page = await(client.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(prefix + "*")
                        .arg("COUNT").arg(1000)));
                cursor = page.get(0).toString();
                Response keys = page.get(1);
                if (keys.size() > 0) {
                    Request unlink = Request.cmd(Command.UNLINK);
                    keys.forEach(key -> unlink.arg(key.toString()));
                    await(client.send(unlink));
                }
            } while (!"0".equals(cursor));
            client.close();
        } finally {
            vertx.close();
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Redis clean-up failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during Redis clean-up", e);
        }
    }
}
