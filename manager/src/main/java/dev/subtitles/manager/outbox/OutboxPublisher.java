package dev.subtitles.manager.outbox;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.ShutdownSignalException;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.messaging.EventsExchange;
import dev.subtitles.common.tracing.Traceparents;
import dev.subtitles.manager.config.ManagerConfig;
import io.smallrye.mutiny.Uni;

/**
 * Publishes outbox rows to the exchange with publisher confirms: persistent messages, routing key = the row's (the
 * event type, with the priority's suffix for a high or low job's request), type = event type,
 * content type {@code application/cloudevents+json}, message id = event id.
 * <p>
 * <b>Why the plain AMQP client and not the messaging connector.</b> The relay must know, batch by batch, whether the
 * broker confirmed, and must keep trying through an outage of any length while submissions go on. The connector's
 * outgoing channel is a long-lived stream whose recovery after a lost connection is bounded by reconnect attempts,
 * and once it gives up the channel stays failed (and its emitter buffers or rejects) until restart. Here the
 * relay owns one connection and one confirm channel: any failure closes them, the rows stay unsent, and the next
 * round simply connects again.
 * <p>
 * The AMQP client blocks, so every call runs on one dedicated thread, never on an event loop; that thread is also
 * the only one that touches the connection.
 */
@ApplicationScoped
public class OutboxPublisher {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    private final ManagerConfig config;
    private final String contentType = new EventCodec().contentType();
    private final ConnectionFactory factory;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "outbox-publisher");
        t.setDaemon(true);
        return t;
    });
    /** Written by the publisher thread only; volatile so that a timed-out publish can abort it from outside. */
    private volatile Connection connection;
    private Channel channel;
    private volatile boolean connected;

    public OutboxPublisher(ManagerConfig config) {
        this.config = config;
        ManagerConfig.Broker broker = config.broker();
        factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        factory.setConnectionTimeout((int) broker.connectTimeout().toMillis());
        factory.setHandshakeTimeout((int) broker.connectTimeout().toMillis());
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
    }

    /**
     * Publishes the events in order and completes once the broker confirmed them all. Bounded: the confirms are
     * awaited for {@code manager.outbox.confirm-timeout}, and the whole call (connecting included) for that plus
     * {@code manager.broker.connect-timeout}; past it the connection is aborted (which also frees the publisher thread
     * from a publish the broker blocks, e.g. under a resource alarm) and the call fails, so the rows stay unsent and
     * are published again by a later round.
     */
    Uni<Void> publish(List<PendingEvent> events) {
        Duration limit = config.outbox().confirmTimeout().plus(config.broker().connectTimeout());
        return Uni.createFrom().<Void> item(() -> {
            publishBlocking(events);
            return null;
        }).runSubscriptionOn(thread)
                .ifNoItem().after(limit).failWith(() -> {
                    abortFromOutside();
                    return new BrokerUnavailableException("the broker did not take and confirm " + events.size()
                            + " outbox event(s) within " + limit.toMillis() + " ms", null);
                });
    }

    private void abortFromOutside() {
        Connection stuck = connection;
        if (stuck != null) {
            CompletableFuture.runAsync(() -> stuck.abort(1000));
        }
    }

    /** Whether the last attempt to reach the broker succeeded (for the readiness check). */
    public boolean isConnected() {
        return connected;
    }

    /** Connects now if not connected, so the readiness check reflects the broker; completes with the outcome. */
    public Uni<Boolean> checkConnection() {
        return Uni.createFrom().item(() -> {
            try {
                channel();
                return true;
            } catch (IOException | TimeoutException | RuntimeException e) {
                closeQuietly();
                return false;
            }
        }).runSubscriptionOn(thread);
    }

    private void publishBlocking(List<PendingEvent> events) {
        try {
            Channel ch = channel();
            for (PendingEvent event : events) {
                ch.basicPublish(config.exchange(), event.routingKey(), properties(event), event.body());
            }
            ch.waitForConfirmsOrDie(config.outbox().confirmTimeout().toMillis());
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            closeQuietly();
            throw new BrokerUnavailableException("could not publish " + events.size() + " outbox event(s) to "
                    + config.broker().host() + ":" + config.broker().port() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly();
            throw new BrokerUnavailableException("interrupted while waiting for publisher confirms", e);
        }
    }

    private AMQP.BasicProperties properties(PendingEvent event) {
        return MessageProperties.PERSISTENT_BASIC.builder()
                .contentType(contentType)
                .messageId(event.eventId().toString())
                .type(event.type())
                .headers(event.traceparent() == null ? null : Map.of(Traceparents.NAME, event.traceparent()))
                .build();
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        closeQuietly();
        connection = factory.newConnection("manager-outbox-relay");
        channel = connection.createChannel();
        EventsExchange.declare(channel, config.exchange());
        channel.confirmSelect();
        connected = true;
        LOG.infof("outbox relay connected to %s:%d, publishing to exchange %s", config.broker().host(),
                config.broker().port(), config.exchange());
        return channel;
    }

    private void closeQuietly() {
        connected = false;
        if (connection != null) {
            try {
                connection.abort(1000);
            } catch (RuntimeException e) {
                LOG.debugf("closing the broker connection failed: %s", e.getMessage());
            }
        }
        connection = null;
        channel = null;
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    @PreDestroy
    void close() {
        thread.submit(this::closeQuietly);
        thread.shutdown();
    }
}
