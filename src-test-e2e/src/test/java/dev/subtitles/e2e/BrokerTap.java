package dev.subtitles.e2e;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.messaging.EventsExchange;

/**
 * Watches every event on the exchange from outside, as an operator's tool would: an exclusive queue bound with
 * {@code #} that records each CloudEvent it sees.
 */
public final class BrokerTap implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final Map<String, List<JsonNode>> bySubject = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();

    private BrokerTap(Connection connection) {
        this.connection = connection;
    }

    public static BrokerTap on(String exchange) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        Connection connection = factory.newConnection("e2e-tap");
        BrokerTap tap = new BrokerTap(connection);
        Channel channel = connection.createChannel();
        EventsExchange.declare(channel, exchange);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, "#");
        channel.basicConsume(queue, true, (tag, delivery) -> tap.record(delivery.getBody()), tag -> {
        });
        return tap;
    }

    /** The CloudEvents seen so far about one job, in arrival order. */
    public List<JsonNode> eventsOf(UUID jobId) {
        return List.copyOf(bySubject.getOrDefault(jobId.toString(), List.of()));
    }

    /**
     * Hands every event seen from now on to {@code listener}, as it arrives, on the tap's consumer thread (for a
     * caller that needs the moment an event was seen, not only the event).
     */
    public void listen(Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    /** How many messages the tap has seen, whether or not they were CloudEvents. */
    public int count() {
        return events.size();
    }

    private void record(byte[] body) {
        JsonNode event;
        try {
            event = JSON.readTree(body);
            if (event == null) {
                event = JSON.createObjectNode().put("unreadable", body.length);
            }
        } catch (IOException notJson) {
            // a poison message the chaos suite published: nothing to record about a job
            event = JSON.createObjectNode().put("unreadable", body.length);
        }
        events.add(event);
        bySubject.computeIfAbsent(event.path("subject").asText(), subject -> new CopyOnWriteArrayList<>()).add(event);
        for (Consumer<JsonNode> listener : listeners) {
            listener.accept(event);
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
