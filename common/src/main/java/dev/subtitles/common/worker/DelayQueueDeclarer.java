package dev.subtitles.common.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Declares the {@link DelayQueues} of a worker. The messaging connector declares only the queues it consumes from,
 * and nothing consumes from a delay queue (messages leave it by expiring back to the work queue), so this one-off
 * declaration at start uses the plain AMQP client.
 */
public final class DelayQueueDeclarer {

    private static final Logger LOG = Logger.getLogger(DelayQueueDeclarer.class);

    private final ConnectionFactory factory = new ConnectionFactory();

    public DelayQueueDeclarer(String host, int port, String username, String password) {
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
    }

    /**
     * Declares every tier of {@code delayQueues} over a short-lived connection named {@code connectionName}.
     * Blocking: call it at start, not on an event loop.
     */
    public void declare(DelayQueues delayQueues, String connectionName) throws IOException, TimeoutException {
        try (Connection connection = factory.newConnection(connectionName);
                Channel channel = connection.createChannel()) {
            for (Duration tier : delayQueues.tiers()) {
                channel.queueDeclare(delayQueues.queueName(tier), true, false, false, Map.of(
                        "x-message-ttl", tier.toMillis(),
                        "x-dead-letter-exchange", "",
                        "x-dead-letter-routing-key", delayQueues.workQueue()));
            }
        }
        LOG.infof("Delay queues for %s: %s", delayQueues.workQueue(), delayQueues.tiers());
    }
}
