package dev.subtitles.eventconsumer.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.subtitles.common.worker.DeliverySettlement;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.ClientCustomizer;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * The projection's deliveries are settled on the channel that delivered them ({@link DeliverySettlement}: the
 * connector's own ack uses the client's current channel, which after a reconnect acks another message under the same
 * delivery tag), and the projection never has more of them in hand than the connector's stream can buffer.
 */
public class DeliveryProducers {

    private static final String PREFETCH = "max-outstanding-messages";

    @Produces
    @Singleton
    DeliverySettlement deliverySettlement(EventConsumerConfig config) {
        return new DeliverySettlement(config.timeout().broker());
    }

    /**
     * Makes {@link DeliverySettlement} the AMQP metrics collector of the projection's connection, so that it knows
     * the channel of each delivery; refuses to start with a prefetch the connector's stream cannot take.
     */
    @Produces
    @Singleton
    ClientCustomizer<RabbitMQOptions> deliveryChannels(DeliverySettlement settlement) {
        return (channel, channelConfig, options) -> {
            if (!channel.equals(Channels.PROJECTION)) {
                return options;
            }
            int prefetch = channelConfig.getOptionalValue(PREFETCH, Integer.class).orElse(Integer.MAX_VALUE);
            if (prefetch > maxPrefetch()) {
                throw new IllegalArgumentException(
                        "mp.messaging.incoming." + channel + "." + PREFETCH + " (PROJECTION_PREFETCH)"
                                + " must be at most " + maxPrefetch() + ", was " + prefetch);
            }
            return options.setMetricsCollector(settlement);
        };
    }

    /**
     * The largest prefetch that cannot overflow the connector's stream. The stream hands deliveries from the client to
     * the application through a buffer of Mutiny's default size ({@code emitOn}), which the stream fails with a
     * {@code BackPressureFailure} when it is full. After a reconnect the vert.x client resumes its consumer without
     * regard to demand, so the deliveries still in hand from the old channel and a full window from the new one may
     * be in that buffer at once: twice the prefetch has to fit.
     */
    static int maxPrefetch() {
        return Infrastructure.getBufferSizeS() / 2;
    }
}
