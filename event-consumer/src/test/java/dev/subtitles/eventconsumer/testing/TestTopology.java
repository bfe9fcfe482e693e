package dev.subtitles.eventconsumer.testing;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.Channel;

import dev.subtitles.auth.testing.Management;
import dev.subtitles.common.messaging.EventsExchange;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives each test run its own exchange, dead-letter exchange, queues and Redis key prefix, so runs of other modules
 * on the same broker and a running dev stack are undisturbed, and removes all of it afterwards: the broker objects,
 * the Redis keys under the prefix and the event log rows of the run's events (all published with
 * {@link TestEvents#SOURCE} or, by the application itself, {@link TestEvents#APPLICATION_SOURCE}).
 */
public class TestTopology implements QuarkusTestResourceLifecycleManager {

    /** One id per JVM: every test class of the run shares the names (and so one application start). */
    public static final String RUN = "test-ec-" + UUID.randomUUID().toString().substring(0, 8);
    public static final String EXCHANGE = RUN + ".subtitle.events";
    public static final String DEAD_LETTER_EXCHANGE = RUN + ".subtitle.events.dlx";
    public static final String QUEUE = RUN + ".event-consumer.projection";
    public static final String DEAD_LETTER_QUEUE = QUEUE + ".dlq";
    public static final String WEBHOOKS_QUEUE = RUN + ".event-consumer.webhooks";
    public static final String KEY_PREFIX = RUN + ":";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "events.exchange", EXCHANGE,
                "events.dead-letter-exchange", DEAD_LETTER_EXCHANGE,
                "projection.queue", QUEUE,
                "webhooks.queue", WEBHOOKS_QUEUE,
                "subtitles.projection.key-prefix", KEY_PREFIX,
                "event-consumer.instance", RUN);
    }

    /**
     * Waits until the application's consumer is subscribed, i.e. the queue and its bindings exist: an event
     * published before that would find no queue and be dropped by the exchange.
     */
    public static void awaitConsumerReady() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Management.given().get("/q/health/ready").statusCode() == 200);
    }

    @Override
    public void stop() {
        deleteBrokerObjects();
        TestRedis.deleteKeysStartingWith(KEY_PREFIX);
        deleteRecordedEvents();
    }

    private static void deleteBrokerObjects() {
        try (var connection = TestBroker.connectionFactory().newConnection();
                Channel channel = connection.createChannel()) {
            for (String queue : List.of(QUEUE, DEAD_LETTER_QUEUE, WEBHOOKS_QUEUE, WEBHOOKS_QUEUE + ".dlq")) {
                channel.queueDelete(queue);
            }
            EventsExchange.delete(channel, EXCHANGE);
            channel.exchangeDelete(DEAD_LETTER_EXCHANGE);
        } catch (Exception e) {
            throw new IllegalStateException("cannot delete the test topology " + RUN, e);
        }
    }

    private static void deleteRecordedEvents() {
        String url = "jdbc:postgresql://" + env("DB_HOST", "localhost") + ":" + env("DB_PORT", "5432") + "/"
                + env("TEST_DB_NAME", "subtitles_test");
        String[] sources = { TestEvents.SOURCE.toString(), TestEvents.APPLICATION_SOURCE.toString() };
        try (Connection connection = DriverManager.getConnection(url, env("DB_USER", "postgres"),
                env("DB_PASSWORD", "postgres"));
                PreparedStatement sequences = connection.prepareStatement("""
                        DELETE FROM events.job_sequence WHERE job_id IN
                            (SELECT job_id FROM events.job_event WHERE source = ANY(?))""");
                PreparedStatement events = connection.prepareStatement(
                        "DELETE FROM events.job_event WHERE source = ANY(?)")) {
            sequences.setArray(1, connection.createArrayOf("text", sources));
            sequences.executeUpdate();
            events.setArray(1, connection.createArrayOf("text", sources));
            events.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete the events of test run " + RUN, e);
        }
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }
}
