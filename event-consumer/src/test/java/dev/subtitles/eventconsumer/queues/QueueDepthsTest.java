package dev.subtitles.eventconsumer.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.worker.ConfirmedPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The queue depth gauges against the local broker, and against none. */
class QueueDepthsTest {

    private static final Duration SHORT = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final String queue = "test.queue-depths." + UUID.randomUUID();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private Connection connection;
    private Channel channel;

    @BeforeEach
    void declareQueueWithThreeMessages() throws Exception {
        connection = broker(5672).newConnection("queue-depths-test");
        channel = connection.createChannel();
        channel.queueDeclare(queue, false, false, false, null);
        for (int i = 0; i < 3; i++) {
            channel.basicPublish("", queue, null, "m".getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void deleteQueue() throws Exception {
        channel.queueDelete(queue);
        connection.close();
    }

    @Test
    void gaugesShowReadyMessagesAndConsumersOfAWatchedQueue() {
        try (QueueDepths depths = new QueueDepths(broker(5672), List.of(queue), SHORT, TIMEOUT, registry)) {
            depths.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> messages(queue) == 3);
            assertThat(consumers(queue)).isZero();
        }
    }

    @Test
    void aQueueThatDoesNotExistIsUnknownAndTheOthersAreStillRead() {
        try (QueueDepths depths = new QueueDepths(broker(5672), List.of(queue), SHORT, TIMEOUT, registry)) {
            depths.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> messages(queue) == 3);
            assertThat(messages(queue + ".dlq")).isNaN();
            assertThat(consumers(queue + ".dlq")).isNaN();
        }
    }

    @Test
    void everyGaugeIsRegisteredBeforeTheFirstRead() {
        try (QueueDepths depths = new QueueDepths(broker(5672), List.of(queue), SHORT, TIMEOUT, registry)) {
            assertThat(registry.find("subtitles.queue.messages").gauges()).hasSize(2);
            assertThat(registry.find("subtitles.queue.consumers").gauges()).hasSize(2);
        }
    }

    @Test
    void aQueueThatGoesAwayTurnsUnknownRatherThanKeepingItsLastDepth() throws Exception {
        try (QueueDepths depths = new QueueDepths(broker(5672), List.of(queue), SHORT, TIMEOUT, registry)) {
            depths.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> messages(queue) == 3);

            channel.queueDelete(queue);

            await().atMost(Duration.ofSeconds(10)).until(() -> Double.isNaN(messages(queue)));
            assertThat(consumers(queue)).isNaN();
        }
    }

    @Test
    void withoutABrokerTheDepthsStayUnknownAndNothingFails() throws Exception {
        int nobody;
        try (ServerSocket closed = new ServerSocket(0)) {
            nobody = closed.getLocalPort();
        }
        try (QueueDepths depths = new QueueDepths(broker(nobody), List.of(queue), SHORT, TIMEOUT, registry)) {
            depths.start();

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> Double.isNaN(messages(queue)) && Double.isNaN(consumers(queue)));
        }
    }

    private double messages(String name) {
        return registry.get("subtitles.queue.messages").tag("queue", name).gauge().value();
    }

    private double consumers(String name) {
        return registry.get("subtitles.queue.consumers").tag("queue", name).gauge().value();
    }

    private static ConnectionFactory broker(int port) {
        return ConfirmedPublisher.factory("localhost", port, "guest", "guest", TIMEOUT);
    }
}
