package dev.subtitles.eventconsumer.webhooks;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.subtitles.common.worker.DeliverySettlement;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import io.smallrye.reactive.messaging.ClientCustomizer;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * The webhooks' incoming channel settles its deliveries on the channel that delivered them, like the projection's
 * ({@link DeliverySettlement} says why), with a settlement of its own: the channel has its own connection, and its
 * acks never wait behind the projection's.
 */
@Singleton
public class WebhookChannel {

    private final DeliverySettlement settlement;

    public WebhookChannel(EventConsumerConfig config) {
        this.settlement = new DeliverySettlement(config.timeout().broker());
    }

    /** Acks and requeues the channel's deliveries. */
    DeliverySettlement settlement() {
        return settlement;
    }

    /** Makes the settlement the AMQP metrics collector of the webhooks channel's connection. */
    @Produces
    @Singleton
    ClientCustomizer<RabbitMQOptions> webhookDeliveries() {
        return (channel, channelConfig, options) -> channel.equals(WebhookListener.CHANNEL)
                ? options.setMetricsCollector(settlement)
                : options;
    }
}
