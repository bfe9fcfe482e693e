package dev.subtitles.common.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.NoOpMetricsCollector;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;

/**
 * Acks and requeues deliveries on the AMQP channel that delivered them, and only while that channel is open.
 * <p>
 * <b>Why not {@code message.ack()}.</b> The connector acks with the delivery tag on its client's <em>current</em>
 * channel ({@code ClientHolder.getAck}, smallrye-reactive-messaging-rabbitmq 4.31.0). Delivery tags count per channel
 * from 1; after a reconnect, a delivery from the old channel acked that way acks whichever message the new channel
 * delivered under the same number (which is then lost if its own handling fails), or, if there is none, makes the
 * broker close the new channel ({@code PRECONDITION_FAILED - unknown delivery tag}), dropping every delivery on it.
 * A delivery whose channel closed needs nothing: the broker has already put it back on its queue.
 * <p>
 * To know each delivery's channel, this class is the AMQP client's metrics collector on the incoming channels (set by
 * a {@code ClientCustomizer}): it sees which channel each consumer tag consumes on. Acks and nacks run off the event
 * loop (the AMQP client blocks on a congested socket) and are bounded by {@code timeout}.
 */
public class DeliverySettlement extends NoOpMetricsCollector {

    private static final Logger LOG = Logger.getLogger(DeliverySettlement.class);

    private final Map<String, Channel> channelsByConsumerTag = new ConcurrentHashMap<>();
    private final Duration timeout;

    /** @param timeout the longest an ack or nack may take */
    public DeliverySettlement(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void basicConsume(Channel channel, String consumerTag, boolean autoAck) {
        channelsByConsumerTag.values().removeIf(known -> !known.isOpen());
        channelsByConsumerTag.put(consumerTag, channel);
    }

    @Override
    public void consumedMessage(Channel channel, long deliveryTag, String consumerTag) {
        channelsByConsumerTag.putIfAbsent(consumerTag, channel);
    }

    /**
     * Acks the delivery; the item says whether it was acked ({@code false}: its channel is gone, and the broker has
     * requeued it already).
     */
    public Uni<Boolean> ack(Message<?> message) {
        return settle(List.of(message), true).map(acked -> acked == 1);
    }

    /**
     * Acks the deliveries, each on its own channel, in one task off the event loop; the item is how many were acked
     * (the others' channels are gone, and the broker has requeued them already).
     */
    public Uni<Integer> ackAll(List<? extends Message<?>> messages) {
        return settle(messages, true);
    }

    /** Returns the delivery to its queue (nack with requeue); the item as for {@link #ack(Message)}. */
    public Uni<Boolean> requeue(Message<?> message) {
        return settle(List.of(message), false).map(requeued -> requeued == 1);
    }

    /**
     * Aborts the connections this worker consumes on, so that the connector reconnects and consumes anew, and the
     * broker requeues every delivery they held: the recovery of a consumer that stopped receiving.
     */
    public void abortConsumerConnections(String reason) {
        channelsByConsumerTag.values().stream().map(Channel::getConnection).distinct().filter(Connection::isOpen)
                .forEach(connection -> {
                    LOG.warnf("Aborting consumer connection %s: %s", connection.getClientProvidedName(), reason);
                    connection.abort(1000);
                });
    }

    private Uni<Integer> settle(List<? extends Message<?>> messages, boolean ack) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Delivery> deliveries = messages.stream().map(this::delivery).toList();
        return Uni.createFrom().item(() -> (int) deliveries.stream().filter(delivery -> delivery.settle(ack)).count())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(timeout).recoverWithItem(() -> {
                    LOG.warnf("Settling %d deliveries took longer than %s; aborting their channels", deliveries.size(),
                            timeout);
                    deliveries.stream().map(Delivery::channel).filter(Objects::nonNull).map(Channel::getConnection)
                            .distinct().forEach(connection -> connection.abort(1000));
                    return 0;
                });
    }

    private Delivery delivery(Message<?> message) {
        if (!(message instanceof IncomingRabbitMQMessage<?> incoming)) {
            throw new IllegalArgumentException("not a RabbitMQ delivery: " + message.getClass().getName());
        }
        var delivery = incoming.getRabbitMQMessage();
        String consumerTag = delivery.consumerTag();
        return new Delivery(channelsByConsumerTag.get(consumerTag), consumerTag, delivery.envelope().getDeliveryTag());
    }

    /** One delivery and the channel it came on ({@code null} if unknown). */
    private record Delivery(Channel channel, String consumerTag, long deliveryTag) {

        /** Acks or requeues the delivery, blocking; whether the broker took it. */
        boolean settle(boolean ack) {
            if (channel == null) {
                LOG.errorf("Delivery %d of unknown consumer %s left unsettled: is the metrics collector installed on"
                        + " the incoming channel?", deliveryTag, consumerTag);
                return false;
            }
            if (!channel.isOpen()) {
                LOG.infof("Delivery %d of consumer %s is not %s: its channel closed, so the broker requeued it",
                        deliveryTag, consumerTag, ack ? "acked" : "requeued");
                return false;
            }
            try {
                if (ack) {
                    channel.basicAck(deliveryTag, false);
                } else {
                    channel.basicNack(deliveryTag, false, true);
                }
                return true;
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Could not %s delivery %d (%s); the broker requeues it when its channel closes",
                        ack ? "ack" : "requeue", deliveryTag, e.getMessage());
                return false;
            }
        }
    }
}
