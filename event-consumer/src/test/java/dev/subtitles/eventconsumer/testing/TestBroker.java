package dev.subtitles.eventconsumer.testing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.messaging.EventsExchange;

/**
 * Publishes onto the run's exchange and reads its dead-letter queue with the plain AMQP client, as another service
 * would: persistent messages, publisher confirms.
 */
public final class TestBroker implements AutoCloseable {

    private static final EventCodec CODEC = new EventCodec();

    private final Connection connection;
    private final Channel channel;

    public TestBroker() {
        try {
            connection = connectionFactory().newConnection();
            channel = connection.createChannel();
            channel.confirmSelect();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to RabbitMQ", e);
        }
    }

    /** A connection factory for the local broker, from the environment as the services read it. */
    public static ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(System.getenv().getOrDefault("RABBITMQ_HOST", "localhost"));
        factory.setPort(Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672")));
        factory.setUsername(System.getenv().getOrDefault("RABBITMQ_USER", "guest"));
        factory.setPassword(System.getenv().getOrDefault("RABBITMQ_PASSWORD", "guest"));
        return factory;
    }

    /** Publishes the events, each with its type as routing key, and waits for the broker's confirms. */
    public void publish(JobEvent<?>... events) {
        for (JobEvent<?> event : events) {
            send(event.type().routingKey(), CODEC.encode(event), CODEC.contentType());
        }
        awaitConfirms();
    }

    /** Publishes an event of the type for each job, one after the other, each confirmed before the next. */
    public void publishForEach(List<UUID> jobIds, EventType type) {
        for (UUID jobId : jobIds) {
            publish(TestEvents.event(jobId, type));
        }
    }

    /** Publishes an arbitrary body (not necessarily an event), waiting for the confirm. */
    public void publishRaw(String routingKey, byte[] body, String contentType) {
        send(routingKey, body, contentType);
        awaitConfirms();
    }

    /** Publishes an arbitrary body with the given properties, waiting for the confirm. */
    public void publishRaw(String routingKey, byte[] body, AMQP.BasicProperties properties) {
        send(routingKey, body, properties);
        awaitConfirms();
    }

    /** Publishes without waiting for confirms; {@link #awaitConfirms()} waits for all of them. */
    public void send(String routingKey, byte[] body, String contentType) {
        send(routingKey, body, new AMQP.BasicProperties.Builder()
                .contentType(contentType)
                .deliveryMode(2)
                .build());
    }

    /** Publishes without waiting for confirms; {@link #awaitConfirms()} waits for all of them. */
    public void send(String routingKey, byte[] body, AMQP.BasicProperties properties) {
        try {
            channel.basicPublish(TestTopology.EXCHANGE, routingKey, properties, body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot publish", e);
        }
    }

    public void awaitConfirms() {
        try {
            channel.waitForConfirmsOrDie(30_000);
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("the broker did not confirm", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for confirms", e);
        }
    }

    /** Messages of the run's projection queue waiting for a consumer (not counting those delivered, unacked). */
    public long readyInQueue() {
        return ready(TestTopology.QUEUE);
    }

    /** Messages of the run's dead-letter queue. */
    public long readyInDeadLetterQueue() {
        return ready(TestTopology.DEAD_LETTER_QUEUE);
    }

    /**
     * Declares the queue of the run's events that no queue binds, as every service does, so that a test need not
     * wait for the application's periodic declaration.
     */
    public void declareUnroutedQueue() {
        try {
            EventsExchange.declareUnrouted(channel, TestTopology.EXCHANGE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot declare the unrouted queue", e);
        }
    }

    /** Messages of the queue of the run's events that no queue binds. */
    public long readyInUnroutedQueue() {
        return ready(EventsExchange.unrouted(TestTopology.EXCHANGE));
    }

    private long ready(String queue) {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the depth of " + queue, e);
        }
    }

    /** The next message of the run's dead-letter queue (acknowledged), or {@code null} when it is empty. */
    public DeadLetter nextDeadLetter() {
        try {
            GetResponse response = channel.basicGet(TestTopology.DEAD_LETTER_QUEUE, true);
            if (response == null) {
                return null;
            }
            Map<String, Object> headers = response.getProps().getHeaders();
            return new DeadLetter(response.getBody(), headers == null ? Map.of() : headers, response.getProps());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the dead-letter queue", e);
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    /**
     * A message read from the dead-letter queue.
     *
     * @param body its body
     * @param headers its AMQP headers
     * @param properties its AMQP properties, headers included
     */
    public record DeadLetter(byte[] body, Map<String, Object> headers, AMQP.BasicProperties properties) {

        /** The {@code x-dead-letter-reason} header as text, or {@code null}. */
        public String reason() {
            Object reason = headers.get("x-dead-letter-reason");
            return reason == null ? null : reason.toString();
        }
    }
}
