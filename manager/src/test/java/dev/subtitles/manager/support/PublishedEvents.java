package dev.subtitles.manager.support;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.messaging.EventsExchange;

/**
 * What the manager published: an exclusive queue bound to the test exchange with {@code #}, connected directly to
 * the broker (not through the proxy), collecting every message with its routing key and properties.
 */
public final class PublishedEvents implements AutoCloseable {

    private static final EventCodec CODEC = new EventCodec();

    private final Connection connection;
    private final List<Published> received = new CopyOnWriteArrayList<>();

    public PublishedEvents(String exchange) {
        try {
            connection = new ConnectionFactory().newConnection("manager-test-observer");
            Channel channel = connection.createChannel();
            EventsExchange.declare(channel, exchange);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, "#");
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                        byte[] body) {
                    received.add(new Published(envelope.getRoutingKey(), properties, CODEC.decode(body)));
                }
            });
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot observe exchange " + exchange, e);
        }
    }

    /** Everything received about {@code jobId}, in arrival order. */
    public List<Published> of(UUID jobId) {
        return received.stream().filter(message -> message.event().jobId().equals(jobId)).toList();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    /** One received message. */
    public record Published(String routingKey, AMQP.BasicProperties properties, JobEvent<?> event) {
    }
}
