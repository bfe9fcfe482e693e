package dev.subtitles.downloader.support;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.messaging.EventsExchange;
import dev.subtitles.common.messaging.Topology;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Leaves the broker as found: removes the test profile's exchanges and queues (the work queue of each priority, the
 * upgrades queue, their DLQs and delay queues) once the application has stopped. The names are those of the
 * {@code %test} profile.
 */
public class TestBroker implements QuarkusTestResourceLifecycleManager {

    public static final String EXCHANGE = "test.downloader.subtitle.events";
    public static final String DEAD_LETTER_EXCHANGE = "test.downloader.subtitle.events.dlx";
    public static final String QUEUE = "test.downloader.requests";
    public static final String DLQ = QUEUE + ".dlq";
    public static final String HIGH_QUEUE = Topology.workQueue(QUEUE, Priority.HIGH);
    public static final String UPGRADES_QUEUE = "test.downloader.upgrades";
    public static final String UPGRADES_DLQ = UPGRADES_QUEUE + ".dlq";
    private static final long[] DELAY_TIERS_MS = { 1000, 2000, 4000 };

    /** A connection to the local broker for tests. */
    public static Connection connect() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        try {
            return factory.newConnection("downloader-test");
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ is not reachable on localhost:5672", e);
        }
    }

    /** The delay queue of {@code tierMillis} of the work queue {@code queue}. */
    public static String delayQueue(String queue, long tierMillis) {
        return queue + ".delay." + tierMillis + "ms";
    }

    @Override
    public Map<String, String> start() {
        return Map.of();
    }

    @Override
    public void stop() {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            channel.queueDelete(UPGRADES_QUEUE);
            channel.queueDelete(UPGRADES_DLQ);
            for (Priority priority : Priority.values()) {
                String queue = Topology.workQueue(QUEUE, priority);
                channel.queueDelete(queue);
                channel.queueDelete(queue + Topology.DEAD_LETTER_QUEUE_SUFFIX);
                for (long tier : DELAY_TIERS_MS) {
                    channel.queueDelete(delayQueue(queue, tier));
                }
            }
            EventsExchange.delete(channel, EXCHANGE);
            channel.exchangeDelete(DEAD_LETTER_EXCHANGE);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("Cannot clean up the test topology", e);
        }
    }
}
