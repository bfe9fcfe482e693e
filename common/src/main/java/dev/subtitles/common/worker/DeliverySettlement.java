package dev.subtitles.common.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * a {@code ClientCustomizer}): it sees which channel each consumer tag consumes on, and each delivery. Acks and nacks
 * run off the event loop (the AMQP client blocks on a congested socket) and are bounded by {@code timeout}.
 * <p>
 * <b>One ack per batch.</b> A batch whose deliveries are the only unsettled ones of their channel up to the highest
 * of them is acked with one {@code basic.ack} with {@code multiple} ({@link UnsettledDeliveries}): on a quorum queue
 * every ack is a command in its log, so a batch of sixty costs the broker one instead of sixty. Otherwise each
 * delivery is acked on its own.
 */
public class DeliverySettlement extends NoOpMetricsCollector {

    private static final Logger LOG = Logger.getLogger(DeliverySettlement.class);

    private final Map<String, Channel> channelsByConsumerTag = new ConcurrentHashMap<>();
    private final Map<Channel, UnsettledDeliveries> unsettledByChannel = new ConcurrentHashMap<>();
    private final Duration timeout;

    /** @param timeout the longest an ack or nack may take */
    public DeliverySettlement(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void basicConsume(Channel channel, String consumerTag, boolean autoAck) {
        channelsByConsumerTag.values().removeIf(known -> !known.isOpen());
        unsettledByChannel.keySet().removeIf(known -> !known.isOpen());
        channelsByConsumerTag.put(consumerTag, channel);
    }

    @Override
    public void consumedMessage(Channel channel, long deliveryTag, String consumerTag) {
        channelsByConsumerTag.putIfAbsent(consumerTag, channel);
        unsettledByChannel.computeIfAbsent(channel, opened -> new UnsettledDeliveries()).delivered(deliveryTag);
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
        return Uni.createFrom().item(() -> settleByChannel(deliveries, ack))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .ifNoItem().after(timeout).recoverWithItem(() -> {
                    LOG.warnf("Settling %d deliveries took longer than %s; aborting their channels", deliveries.size(),
                            timeout);
                    deliveries.stream().map(Delivery::channel).filter(Objects::nonNull).map(Channel::getConnection)
                            .distinct().forEach(connection -> connection.abort(1000));
                    return 0;
                });
    }

    /** Settles the deliveries of each channel together, blocking; how many the broker took. */
    private int settleByChannel(List<Delivery> deliveries, boolean ack) {
        Map<Channel, List<Delivery>> byChannel = new LinkedHashMap<>();
        int settled = 0;
        for (Delivery delivery : deliveries) {
            if (delivery.channel() == null) {
                LOG.errorf("Delivery %d of unknown consumer %s left unsettled: is the metrics collector installed on"
                        + " the incoming channel?", delivery.deliveryTag(), delivery.consumerTag());
            } else {
                byChannel.computeIfAbsent(delivery.channel(), channel -> new ArrayList<>()).add(delivery);
            }
        }
        for (Map.Entry<Channel, List<Delivery>> group : byChannel.entrySet()) {
            settled += settleOnChannel(group.getKey(), group.getValue(), ack);
        }
        return settled;
    }

    private int settleOnChannel(Channel channel, List<Delivery> deliveries, boolean ack) {
        String what = ack ? "acked" : "requeued";
        if (!channel.isOpen()) {
            unsettledByChannel.remove(channel);
            deliveries.forEach(delivery -> LOG.infof("Delivery %d of consumer %s is not %s: its channel closed, so the"
                    + " broker requeued it", delivery.deliveryTag(), delivery.consumerTag(), what));
            return 0;
        }
        List<Long> tags = deliveries.stream().map(Delivery::deliveryTag).toList();
        UnsettledDeliveries unsettled = unsettledByChannel.get(channel);
        try {
            if (unsettled == null) {
                settleEach(channel, tags, ack);
                return tags.size();
            }
            synchronized (unsettled) {
                if (ack && unsettled.settle(tags)) {
                    channel.basicAck(tags.stream().mapToLong(Long::longValue).max().orElseThrow(), true);
                } else {
                    settleEach(channel, tags, ack);
                    unsettled.settle(tags);
                }
            }
            return tags.size();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not settle %d deliveries as %s (%s); the broker requeues them when their channel closes",
                    tags.size(), what, e.getMessage());
            return 0;
        }
    }

    private static void settleEach(Channel channel, List<Long> tags, boolean ack) throws IOException {
        for (long tag : tags) {
            if (ack) {
                channel.basicAck(tag, false);
            } else {
                channel.basicNack(tag, false, true);
            }
        }
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
    }
}
