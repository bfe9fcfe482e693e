package dev.subtitles.e2e;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.tenant.Tenants;

/**
 * Plays a worker on the broker: publishes job events to the exchange exactly as the services do (CloudEvents JSON,
 * routing key = type, persistent, message id = event id, publisher confirms), so that the real event-consumer
 * projects them. For tests that need more events of a job, or at a pace of their choosing, than a real job makes.
 */
final class ExchangePublisher implements AutoCloseable {

    private static final EventCodec CODEC = new EventCodec();
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);

    private final String exchange;
    private final String instance;
    private final Connection connection;
    private final Channel channel;

    private ExchangePublisher(String exchange, String instance, Connection connection, Channel channel) {
        this.exchange = exchange;
        this.instance = instance;
        this.connection = connection;
        this.channel = channel;
    }

    /** Connects to the local broker; events carry the source {@code /subtitles/downloader/<instance>}. */
    static ExchangePublisher to(String exchange, String instance) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("localhost");
        Connection connection = factory.newConnection("e2e-publisher");
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        return new ExchangePublisher(exchange, instance, connection, channel);
    }

    /** Publishes a new event of the job; call {@link #awaitConfirms()} to know the broker has it. */
    JobEvent<?> publish(UUID jobId, EventPayload payload) throws IOException {
        JobEvent<?> event = JobEvent.create(jobId, Tenants.DEFAULT, JobEvent.source("downloader", instance), payload);
        AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
                .contentType(CODEC.contentType())
                .messageId(event.id().toString())
                .build();
        channel.basicPublish(exchange, event.type().routingKey(), properties, CODEC.encode(event));
        return event;
    }

    /** Waits until the broker has confirmed everything published so far; fails if it refused any. */
    void awaitConfirms() throws InterruptedException, TimeoutException {
        try {
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
        } catch (IOException e) {
            throw new IllegalStateException("the broker refused an event", e);
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
