package dev.subtitles.downloader.upgrade;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.reactive.messaging.ClientCustomizer;
import io.vertx.rabbitmq.RabbitMQOptions;

/** The upgrades consumer's hooks into the connector and the health report. */
public class UpgradeConsumerProducers {

    /**
     * Makes the upgrades consumer's {@code DeliverySettlement} the AMQP metrics collector of its channel's clients
     * (every copy under {@code concurrency}); the work queue's channels keep theirs.
     */
    @Produces
    @Singleton
    ClientCustomizer<RabbitMQOptions> upgradeChannels(UpgradeConsumer consumer) {
        return (channel, channelConfig, options) -> channel.startsWith(UpgradeConsumer.CHANNEL)
                ? options.setMetricsCollector(consumer.settlement())
                : options;
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck upgradesProgress(UpgradeConsumer consumer) {
        return consumer::progress;
    }
}
