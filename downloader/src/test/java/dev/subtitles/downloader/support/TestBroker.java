package dev.subtitles.downloader.support;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.messaging.EventsExchange;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Leaves the broker as found: removes the test profile's exchanges and queues (work queue, upgrades queue, their DLQs,
 * delay queues) once the application has stopped. The names are those of the {@code %test} profile.
 */
public class TestBroker implements QuarkusTestResourceLifecycleManager {

    public static final String EXCHANGE = "test.downloader.subtitle.events";
    public static final String DEAD_LETTER_EXCHANGE = "test.downloader.subtitle.events.dlx";
    public static final String QUEUE = "test.downloader.requests";
    public static final String DLQ = QUEUE + ".dlq";
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

    @Override
    public Map<String, String> start() {
        return Map.of();
    }

    @Override
    public void stop() {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            channel.queueDelete(QUEUE);
            channel.queueDelete(DLQ);
            channel.queueDelete(UPGRADES_QUEUE);
            channel.queueDelete(UPGRADES_DLQ);
            for (long tier : DELAY_TIERS_MS) {
                channel.queueDelete(QUEUE + ".delay." + tier + "ms");
            }
            EventsExchange.delete(channel, EXCHANGE);
            channel.exchangeDelete(DEAD_LETTER_EXCHANGE);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("Cannot clean up the test topology", e);
        }
    }
}
