package dev.subtitles.eventconsumer.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

import dev.subtitles.eventconsumer.testing.TestBroker;

/** The webhooks' queue gets the events some hook wants and no other, against the real broker (names of its own). */
class WebhookBindingsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> TYPES = List.of("subtitle.ready", "job.failed", "subtitle.download.started");

    private final String exchange = "test.webhook-bindings." + UUID.randomUUID();
    private final String queue = "test.webhook-bindings." + UUID.randomUUID();
    private Connection connection;
    private Channel channel;
    private WebhookBindings bindings;

    @BeforeEach
    void declare() throws IOException, TimeoutException {
        connection = TestBroker.connectionFactory().newConnection();
        channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", false, true, null);
        channel.queueDeclare(queue, false, false, true, null);
        channel.queueBind(queue, exchange, "webhooks.none");
        bindings = new WebhookBindings(TestBroker.connectionFactory(), exchange, queue, TIMEOUT);
    }

    @AfterEach
    void delete() throws IOException, TimeoutException {
        bindings.close();
        channel.queueDelete(queue);
        channel.exchangeDelete(exchange);
        connection.close();
    }

    @Test
    void withNoHookNoEventIsQueued() throws IOException {
        bindings.bindExactly(Set.of()).await().atMost(TIMEOUT);

        assertThat(routed()).isEmpty();
    }

    @Test
    void onlyTheWantedTypesAreQueued() throws IOException {
        bindings.bindExactly(WebhookBindings.routingKeysFor(Set.of("subtitle.ready", "job.failed")))
                .await().atMost(TIMEOUT);

        assertThat(routed()).containsExactly("subtitle.ready", "job.failed");
    }

    @Test
    void everyTypeBindsEveryEvent() throws IOException {
        bindings.bindExactly(WebhookBindings.routingKeysFor(Set.of("*", "job.failed"))).await().atMost(TIMEOUT);

        assertThat(routed()).containsExactlyElementsOf(TYPES);
    }

    @Test
    void aWantedRequestTypeGetsTheRequestsOfEveryPriority() throws IOException {
        bindings.bindExactly(WebhookBindings.routingKeysFor(Set.of("subtitle.download.requested")))
                .await().atMost(TIMEOUT);

        assertThat(routed(List.of("subtitle.download.requested", "subtitle.download.requested.high",
                "subtitle.download.requested.low", "subtitle.download.started")))
                .containsExactly("subtitle.download.requested", "subtitle.download.requested.high",
                        "subtitle.download.requested.low");
    }

    @Test
    void whatThisVersionBoundBeforePrioritiesIsUnboundAtTheFirstChange() throws IOException {
        channel.queueBind(queue, exchange, "subtitle.download.started");

        bindings.bindExactly(WebhookBindings.routingKeysFor(Set.of("subtitle.ready"))).await().atMost(TIMEOUT);

        assertThat(routed()).containsExactly("subtitle.ready");
    }

    @Test
    void aTypeNoLongerWantedIsUnbound() throws IOException {
        bindings.bindExactly(Set.of("subtitle.ready", "job.failed")).await().atMost(TIMEOUT);

        bindings.bindExactly(Set.of("job.failed")).await().atMost(TIMEOUT);

        assertThat(routed()).containsExactly("job.failed");
    }

    @Test
    void whatAnEarlierRunBoundIsUnboundAtTheFirstChange() throws IOException {
        channel.queueBind(queue, exchange, "subtitle.#");
        channel.queueBind(queue, exchange, "job.failed");

        bindings.bindExactly(Set.of("subtitle.ready")).await().atMost(TIMEOUT);

        assertThat(routed()).containsExactly("subtitle.ready");
    }

    /** Publishes one message of each type and answers the types that reached the queue, in order. */
    private List<String> routed() throws IOException {
        return routed(TYPES);
    }

    /** Publishes one message with each routing key and answers the keys that reached the queue, in order. */
    private List<String> routed(List<String> routingKeys) throws IOException {
        channel.confirmSelect();
        for (String key : routingKeys) {
            channel.basicPublish(exchange, key, null, key.getBytes(StandardCharsets.UTF_8));
        }
        try {
            channel.waitForConfirmsOrDie(TIMEOUT.toMillis());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException("the broker did not confirm the test's messages", e);
        }
        List<String> routed = new ArrayList<>();
        for (GetResponse message = channel.basicGet(queue, true); message != null; message = channel.basicGet(queue,
                true)) {
            routed.add(new String(message.getBody(), StandardCharsets.UTF_8));
        }
        return routed;
    }
}
