package dev.subtitles.e2e;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Listens to the projection's pub/sub channel as a manager does, and notes when each history entry was announced
 * ({@link System#nanoTime()}): the moment the event-consumer projected it, give or take the hop from Redis, which
 * every subscriber pays alike.
 */
final class ProjectionChannel implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Key(UUID jobId, long seq) {
    }

    private final Map<Key, Long> announcedAt = new ConcurrentHashMap<>();
    private final RedisConnection connection;

    private ProjectionChannel(RedisConnection connection) {
        this.connection = connection;
    }

    /** Subscribes to {@code channel} on the local Redis; returns once the subscription is in place. */
    static ProjectionChannel subscribe(Vertx vertx, String channel) throws Exception {
        RedisConnection connection = Redis.createClient(vertx, "redis://localhost:6379").connect()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ProjectionChannel subscriber = new ProjectionChannel(connection);
        connection.handler(subscriber::onPush);
        connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return subscriber;
    }

    private void onPush(Response push) {
        long now = System.nanoTime();
        if (push.size() != 3 || !"message".equals(push.get(0).toString())) {
            return;
        }
        try {
            JsonNode entry = JSON.readTree(push.get(2).toString());
            announcedAt.putIfAbsent(new Key(UUID.fromString(entry.path("jobId").asText()), entry.path("seq").asLong()),
                    now);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("not a history entry on the projection channel: " + push, e);
        }
    }

    /** When the entry {@code seq} of the job was announced, if it was. */
    OptionalLong announcedAt(UUID jobId, long seq) {
        Long at = announcedAt.get(new Key(jobId, seq));
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** Entries announced so far. */
    int announced() {
        return announcedAt.size();
    }

    @Override
    public void close() {
        connection.close();
    }
}
