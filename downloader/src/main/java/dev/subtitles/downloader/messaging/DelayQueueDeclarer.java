package dev.subtitles.downloader.messaging;

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
 * Declares the delay queues of {@link DelayQueues} at start. The messaging connector declares only queues it
 * consumes from, and nobody consumes from a delay queue: messages leave it by expiring, dead-lettered through the
 * default exchange back to the work queue. This one-off declaration uses the plain AMQP client.
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
        try (Connection connection = factory.newConnection("downloader-topology");
                Channel channel = connection.createChannel()) {
            for (Duration tier : delayQueues.tiers()) {
                Map<String, Object> arguments = Map.of(
                        "x-message-ttl", tier.toMillis(),
                        "x-dead-letter-exchange", "",
                        "x-dead-letter-routing-key", delayQueues.workQueue());
                channel.queueDeclare(delayQueues.queueName(tier), true, false, false, arguments);
            }
        }
        LOG.infof("Delay queues for %s: %s", delayQueues.workQueue(), delayQueues.tiers());
    }
}
