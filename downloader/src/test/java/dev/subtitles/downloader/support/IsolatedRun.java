package dev.subtitles.downloader.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;

import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.messaging.EventsExchange;
import dev.subtitles.common.messaging.Topology;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The exchange, queue and Redis key names of one run of packaged downloaders, its own so that it shares nothing with
 * other runs on the machine, and the removal of what the run created under them.
 */
public final class IsolatedRun {

    private final String name;

    /** @param name the run's name, unique on the machine (a prefix and a random part) */
    public IsolatedRun(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public String exchange() {
        return "test.downloader." + name + ".events";
    }

    public String deadLetterExchange() {
        return "test.downloader." + name + ".dlx";
    }

    public String queue() {
        return "test.downloader." + name + ".requests";
    }

    public String deadLetterQueue() {
        return queue() + ".dlq";
    }

    /** The queue of upgrade searches, apart from the work queue. */
    public String upgradesQueue() {
        return "test.downloader." + name + ".upgrades";
    }

    /**
     * The retry queues the downloader declares for the delays {@link #environment()} sets (1, 2 and 4 s), of the work
     * queue of every priority.
     */
    public List<String> delayQueues() {
        return Arrays.stream(Priority.values()).map(priority -> Topology.workQueue(queue(), priority))
                .flatMap(queue -> Stream.of(queue + ".delay.1000ms", queue + ".delay.2000ms", queue + ".delay.4000ms"))
                .toList();
    }

    public String keyPrefix() {
        return "test:downloader:" + name + ":";
    }

    /**
     * The environment that has a downloader use the test database and the run's names, and retry after 1 s, then
     * 2 s, then 4 s; a test adds its providers and whatever else it needs.
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DB_NAME", System.getenv().getOrDefault("TEST_DB_NAME", "subtitles_test"));
        environment.put("EVENTS_EXCHANGE", exchange());
        environment.put("EVENTS_DEAD_LETTER_EXCHANGE", deadLetterExchange());
        environment.put("DOWNLOADER_QUEUE", queue());
        environment.put("DOWNLOADER_UPGRADES_QUEUE", upgradesQueue());
        environment.put("DOWNLOADER_REDIS_KEY_PREFIX", keyPrefix());
        environment.put("PROJECTION_KEY_PREFIX", keyPrefix());
        environment.put("DOWNLOADER_RETRY_INITIAL_DELAY", "1S");
        environment.put("DOWNLOADER_RETRY_MAX_DELAY", "4S");
        return environment;
    }

    /** Deletes the run's queues (those of every priority) and exchanges. */
    public void deleteTopology(Channel channel) throws IOException {
        for (Priority priority : Priority.values()) {
            String queue = Topology.workQueue(queue(), priority);
            channel.queueDelete(queue);
            channel.queueDelete(queue + Topology.DEAD_LETTER_QUEUE_SUFFIX);
        }
        channel.queueDelete(upgradesQueue());
        channel.queueDelete(upgradesQueue() + Topology.DEAD_LETTER_QUEUE_SUFFIX);
        for (String queue : delayQueues()) {
            channel.queueDelete(queue);
        }
        EventsExchange.delete(channel, exchange());
        channel.exchangeDelete(deadLetterExchange());
    }

    /** Deletes the Redis keys under the run's prefix. */
    public void deleteRedisKeys() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Redis redis = Redis.createClient(vertx,
                    System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379"));
            String cursor = "0";
            do {
                Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(keyPrefix() + "*")
                        .arg("COUNT").arg(1000)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                cursor = page.get(0).toString();
                Request delete = Request.cmd(Command.DEL);
                page.get(1).forEach(key -> delete.arg(key.toString()));
                if (page.get(1).size() > 0) {
                    redis.send(delete).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                }
            } while (!"0".equals(cursor));
            redis.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Deletes the subtitle files the run's jobs stored in the test database. */
    public static void deleteStoredFiles(Collection<?> jobIds) throws SQLException {
        String url = "jdbc:postgresql://" + System.getenv().getOrDefault("DB_HOST", "localhost") + ":"
                + System.getenv().getOrDefault("DB_PORT", "5432") + "/"
                + System.getenv().getOrDefault("TEST_DB_NAME", "subtitles_test");
        try (Connection connection = DriverManager.getConnection(url,
                System.getenv().getOrDefault("DB_USER", "postgres"),
                System.getenv().getOrDefault("DB_PASSWORD", "postgres"));
                PreparedStatement delete = connection
                        .prepareStatement("delete from subtitles.subtitle_file where job_id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("uuid", jobIds.toArray()));
            delete.executeUpdate();
        }
    }
}
