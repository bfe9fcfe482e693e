package dev.subtitles.manager.bench;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import dev.subtitles.common.messaging.EventsExchange;

/**
 * The benchmark's own topic exchange on the shared broker, declared as the relay declares it, with an exclusive
 * queue bound to {@code #} that counts what the relay published (so the relay's messages are routed and stored as in
 * production, and the benchmark can tell whether the relay kept up). The exchange is deleted on close.
 */
final class BenchExchange implements AutoCloseable {

    private final String name;
    private final Connection connection;
    private final AtomicLong received = new AtomicLong();

    BenchExchange(String name) throws IOException, TimeoutException {
        this.name = name;
        this.connection = new ConnectionFactory().newConnection("manager-bench-counter");
        Channel channel = connection.createChannel();
        EventsExchange.declare(channel, name);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, name, "#");
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                received.incrementAndGet();
            }
        });
    }

    /** Messages received so far. */
    long received() {
        return received.get();
    }

    @Override
    public void close() throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel()) {
            EventsExchange.delete(channel, name);
        } finally {
            connection.close();
        }
    }
}
