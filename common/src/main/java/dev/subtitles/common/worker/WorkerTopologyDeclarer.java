package dev.subtitles.common.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.messaging.EventsExchange;

/**
 * Declares what a worker needs beyond the queues it consumes from, which the messaging connector declares: the
 * {@link DelayQueues} of each of its {@link WorkQueues} (nothing consumes from a delay queue; messages leave it by
 * expiring back to its work queue) and the alternate exchange of the events exchange, with its queue
 * ({@link EventsExchange}), so that an event the worker publishes that no queue binds is kept. A one-off declaration at
 * start, with the plain AMQP client.
 */
public final class WorkerTopologyDeclarer {

    private static final Logger LOG = Logger.getLogger(WorkerTopologyDeclarer.class);

    private final ConnectionFactory factory = new ConnectionFactory();

    public WorkerTopologyDeclarer(String host, int port, String username, String password) {
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
    }

    /**
     * Declares every tier of the delay queues of every work queue of {@code queues} and the alternate exchange of
     * {@code exchange} over a short-lived connection named {@code connectionName}. Blocking: call it at start, not on
     * an event loop.
     */
    public void declare(WorkQueues queues, String exchange, String connectionName)
            throws IOException, TimeoutException {
        try (Connection connection = factory.newConnection(connectionName);
                Channel channel = connection.createChannel()) {
            EventsExchange.declareUnrouted(channel, exchange);
            for (DelayQueues delayQueues : queues.allDelayQueues()) {
                for (Duration tier : delayQueues.tiers()) {
                    channel.queueDeclare(delayQueues.queueName(tier), true, false, false, Map.of(
                            "x-message-ttl", tier.toMillis(),
                            "x-dead-letter-exchange", "",
                            "x-dead-letter-routing-key", delayQueues.workQueue()));
                }
                LOG.infof("Delay queues for %s: %s", delayQueues.workQueue(), delayQueues.tiers());
            }
        }
    }
}
