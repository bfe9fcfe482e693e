package dev.subtitles.translator.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.messaging.EventsExchange;
import dev.subtitles.common.messaging.Topology;
import dev.subtitles.common.worker.DelayQueues;
import dev.subtitles.common.worker.WorkQueues;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a test run (every {@code @QuarkusTest} of the module: the resource is global) its own exchange, queues and
 * Redis key prefix, so it neither disturbs a running stack nor the
 * tests of other services on the same broker, and deletes the broker objects at the end.
 */
public class RabbitMqTestTopology implements QuarkusTestResourceLifecycleManager {

    static final Duration INITIAL_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(2);

    private String prefix;

    @Override
    public Map<String, String> start() {
        prefix = "test-translator-" + UUID.randomUUID().toString().substring(0, 8);
        return Map.of(
                "translator.messaging.exchange", prefix + ".subtitle.events",
                "translator.messaging.queue", prefix + ".requests",
                "translator.messaging.dead-letter-exchange", prefix + ".subtitle.events.dlx",
                "subtitles.projection.key-prefix", prefix + ":",
                "translator.retry.initial-delay", INITIAL_DELAY.toSeconds() + "S",
                "translator.retry.max-delay", MAX_DELAY.toSeconds() + "S",
                "translator.retry.max-attempts", "3");
    }

    @Override
    public void stop() {
        ConnectionFactory factory = new ConnectionFactory();
        try (Connection connection = factory.newConnection("translator-test-cleanup");
                Channel channel = connection.createChannel()) {
            WorkQueues queues = new WorkQueues(prefix + ".requests", INITIAL_DELAY, MAX_DELAY);
            for (Priority priority : Priority.values()) {
                DelayQueues delayQueues = queues.delayQueues(priority);
                for (Duration tier : delayQueues.tiers()) {
                    channel.queueDelete(delayQueues.queueName(tier));
                }
                channel.queueDelete(queues.queue(priority));
                channel.queueDelete(queues.queue(priority) + Topology.DEAD_LETTER_QUEUE_SUFFIX);
            }
            EventsExchange.delete(channel, prefix + ".subtitle.events");
            channel.exchangeDelete(prefix + ".subtitle.events.dlx");
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("could not delete the test topology " + prefix, e);
        }
    }
}
