package dev.subtitles.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.projection.ProjectionKeys;

/**
 * Exchange, queue and Redis key names of one end-to-end run, so that it neither disturbs nor is disturbed by a
 * running stack or another test on the same servers; {@link #delete()} removes what the run declared and its Redis keys.
 * <p>
 * By default the run shares the database {@code subtitles_test} (or the one the environment variable
 * {@code TEST_DB_NAME} names, as in the other modules' tests) with every other test. A manager's outbox relay
 * publishes every unsent row of {@code manager.outbox} in its database to its own exchange, so the managers of two
 * runs sharing a database publish some of each other's jobs to the wrong exchange. A run that counts its jobs'
 * events (live progress, benchmarks) takes a database of its own: {@link #withOwnDatabase()}.
 */
public final class E2eNames {

    private static final String SHARED_DATABASE = System.getenv().getOrDefault("TEST_DB_NAME", "subtitles_test");
    private static final String SERVER = "jdbc:postgresql://localhost:5432/postgres";

    private final String prefix;
    private final String database;

    public E2eNames() {
        this("e2e-" + UUID.randomUUID().toString().substring(0, 8), SHARED_DATABASE);
    }

    private E2eNames(String prefix, String database) {
        this.prefix = prefix;
        this.database = database;
    }

    /** Names of a run with a database of its own, created now and empty (the services migrate it as they start). */
    public static E2eNames withOwnDatabase() {
        String prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String database = prefix.replace('-', '_');
        onServer("create database " + database);
        return new E2eNames(prefix, database);
    }

    /**
     * Names of a run whose database does not exist yet: whatever starts the services must create it
     * ({@link #delete()} drops it).
     */
    public static E2eNames withNewDatabase() {
        String prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        return new E2eNames(prefix, prefix.replace('-', '_'));
    }

    /** The prefix of every name of this run: queues, exchanges, Redis keys ({@code <prefix>:...}). */
    public String prefix() {
        return prefix;
    }

    /** The run's PostgreSQL database. */
    public String database() {
        return database;
    }

    public String exchange() {
        return prefix + ".subtitle.events";
    }

    /** The projection's pub/sub channel of this run (the event-consumer announces each projected entry there). */
    String projectionChannel() {
        return new ProjectionKeys(projectionKeyPrefix()).channel();
    }

    private String projectionKeyPrefix() {
        return prefix + ":";
    }

    /**
     * The work queue of the named consumer: {@code downloader}, {@code downloader-upgrades}, {@code translator} or
     * {@code event-consumer}.
     */
    public String queue(String service) {
        return switch (service) {
            case "downloader" -> prefix + ".downloader.requests";
            case "downloader-upgrades" -> prefix + ".downloader.upgrades";
            case "translator" -> prefix + ".translator.requests";
            case "event-consumer" -> prefix + ".event-consumer.projection";
            default -> throw new IllegalArgumentException("no queue of " + service);
        };
    }

    /** Environment of the four services: the names of this run, its database, the local library only. */
    public Map<String, String> environment() {
        return Map.ofEntries(
                Map.entry("DB_NAME", database),
                Map.entry("EVENTS_EXCHANGE", exchange()),
                Map.entry("EVENTS_DEAD_LETTER_EXCHANGE", prefix + ".subtitle.events.dlx"),
                Map.entry("DOWNLOADER_QUEUE", queue("downloader")),
                Map.entry("DOWNLOADER_UPGRADES_QUEUE", queue("downloader-upgrades")),
                Map.entry("TRANSLATOR_QUEUE", queue("translator")),
                Map.entry("PROJECTION_QUEUE", queue("event-consumer")),
                Map.entry("WEBHOOKS_QUEUE", prefix + ".event-consumer.webhooks"),
                Map.entry("PROJECTION_KEY_PREFIX", projectionKeyPrefix()),
                Map.entry("DOWNLOADER_REDIS_KEY_PREFIX", prefix + ":downloader:"),
                Map.entry("DOWNLOADER_PROVIDERS", "library"));
    }

    /**
     * Deletes the queues and exchanges whose names start with this run's prefix, and the run's own database if it
     * has one (call once the services are stopped).
     */
    public void delete() throws IOException, TimeoutException, InterruptedException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        try (Connection connection = factory.newConnection("e2e-cleanup");
                Channel channel = connection.createChannel()) {
            for (String queue : list("list_queues")) {
                channel.queueDelete(queue);
            }
            for (String exchange : list("list_exchanges")) {
                channel.exchangeDelete(exchange);
            }
        }
        deleteRedisKeys();
        if (!database.equals(SHARED_DATABASE)) {
            onServer("drop database if exists " + database + " with (force)");
        }
    }

    /** The run's Redis keys (projection and downloader), all under its prefix, deleted a batch at a time. */
    public void deleteRedisKeys() throws IOException, InterruptedException {
        List<String> keys = output(List.of("redis-cli", "--scan", "--pattern", prefix + ":*")).lines()
                .map(String::trim).filter(key -> !key.isEmpty()).toList();
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> command = new ArrayList<>(List.of("redis-cli", "del"));
            command.addAll(keys.subList(from, Math.min(keys.size(), from + 500)));
            output(command);
        }
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command.subList(0, 2)) + " failed: " + output);
        }
        return output;
    }

    private List<String> list(String what) throws IOException, InterruptedException {
        return output(List.of("rabbitmqctl", "-q", what, "name")).lines().map(String::trim)
                .filter(name -> name.startsWith(prefix)).toList();
    }

    private static void onServer(String sql) {
        try (java.sql.Connection connection = DriverManager.getConnection(SERVER, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }
}
