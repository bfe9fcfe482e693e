package dev.subtitles.e2e;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Watches every event on the exchange from outside, as an operator's tool would: an exclusive queue bound with
 * {@code #} that records each CloudEvent it sees.
 */
final class BrokerTap implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private BrokerTap(Connection connection) {
        this.connection = connection;
    }

    static BrokerTap on(String exchange) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        Connection connection = factory.newConnection("e2e-tap");
        BrokerTap tap = new BrokerTap(connection);
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", true);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, "#");
        channel.basicConsume(queue, true, (tag, delivery) -> tap.events.add(JSON.readTree(delivery.getBody())),
                tag -> {
                });
        return tap;
    }

    /** The CloudEvents seen so far about one job, in arrival order. */
    List<JsonNode> eventsOf(UUID jobId) {
        return events.stream().filter(event -> jobId.toString().equals(event.path("subject").asText())).toList();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
