package dev.subtitles.translator.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.runtime.StartupEvent;

/**
 * Declares the {@link DelayQueues} at start. The messaging connector declares only the queues it consumes from, and
 * nothing consumes from a delay queue (messages leave it by expiring back to the work queue), so this one-off
 * declaration uses the plain AMQP client.
 */
@Singleton
public class DelayQueueDeclarer {

    private static final Logger LOG = Logger.getLogger(DelayQueueDeclarer.class);

    private final DelayQueues delayQueues;
    private final ConnectionFactory factory = new ConnectionFactory();

    public DelayQueueDeclarer(DelayQueues delayQueues,
            @ConfigProperty(name = "rabbitmq-host") String host,
            @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password) {
        this.delayQueues = delayQueues;
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
    }

    void declare(@Observes StartupEvent start) throws IOException, TimeoutException {
        try (Connection connection = factory.newConnection("translator-topology");
                Channel channel = connection.createChannel()) {
            for (Duration tier : delayQueues.tiers()) {
                channel.queueDeclare(delayQueues.queueName(tier), true, false, false, Map.of(
                        "x-message-ttl", tier.toMillis(),
                        "x-dead-letter-exchange", "",
                        "x-dead-letter-routing-key", delayQueues.workQueue()));
            }
        }
        LOG.infof("delay queues for %s: %s", delayQueues.workQueue(), delayQueues.tiers());
    }
}
