package dev.subtitles.eventconsumer.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.worker.DeliverySettlement;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.rabbitmq.RabbitMQOptions;

class DeliveryProducersTest {

    private final DeliverySettlement settlement = new DeliverySettlement(Duration.ofSeconds(1));

    @Test
    void theProjectionsDeliveriesAreTracedBySettlement() {
        RabbitMQOptions options = customize(Channels.PROJECTION, Map.of("max-outstanding-messages", "128"));

        assertThat(options.getMetricsCollector()).isSameAs(settlement);
    }

    @Test
    void aPrefetchTheStreamCannotBufferTwiceIsRefused() {
        assertThatThrownBy(() -> customize(Channels.PROJECTION, Map.of("max-outstanding-messages", "500")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PROJECTION_PREFETCH").hasMessageContaining("at most 128");
    }

    @Test
    void anUnboundedPrefetchIsRefused() {
        assertThatThrownBy(() -> customize(Channels.PROJECTION, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherChannelsAreLeftAlone() {
        assertThat(customize("other", Map.of()).getMetricsCollector()).isNull();
    }

    private RabbitMQOptions customize(String channel, Map<String, String> settings) {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(settings, "test", 100)).build();
        return new DeliveryProducers().deliveryChannels(settlement).customize(channel, config, new RabbitMQOptions());
    }
}
