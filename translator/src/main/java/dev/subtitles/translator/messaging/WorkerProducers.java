package dev.subtitles.translator.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import com.rabbitmq.client.ConnectionFactory;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.messaging.EventsExchange;
import dev.subtitles.common.metrics.StageMetrics;
import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.common.worker.Backoff;
import dev.subtitles.common.worker.ConfirmedPublisher;
import dev.subtitles.common.worker.ConsumerProgressCheck;
import dev.subtitles.common.worker.DeadLetterPublisher;
import dev.subtitles.common.worker.DelayQueues;
import dev.subtitles.common.worker.DeliverySettlement;
import dev.subtitles.common.worker.EventPublisher;
import dev.subtitles.common.worker.JobPhases;
import dev.subtitles.common.worker.ProgressWatchdog;
import dev.subtitles.common.worker.RetryScheduler;
import dev.subtitles.common.worker.WorkerDeliveries;
import dev.subtitles.common.worker.WorkerTopologyDeclarer;
import dev.subtitles.translator.config.TranslatorConfig;
import dev.subtitles.translator.job.AttemptMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.ClientCustomizer;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * Beans of the worker helpers shared with the other worker ({@code dev.subtitles.common.worker}, plain classes),
 * wired to this service's settings; declares the delay queues and starts the watchdog at start.
 */
public class WorkerProducers {

    @Produces
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Produces
    @Singleton
    DelayQueues delayQueues(TranslatorConfig config) {
        return new DelayQueues(config.messaging().queue(), config.retry().initialDelay(), config.retry().maxDelay());
    }

    @Produces
    @Singleton
    Backoff backoff(TranslatorConfig config) {
        return new Backoff(config.retry().initialDelay(), config.retry().maxDelay(), config.retry().jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Produces
    @Singleton
    ConfirmedPublisher confirmedPublisher(TranslatorConfig config,
            @ConfigProperty(name = "rabbitmq-host") String host,
            @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password) {
        Duration timeout = config.delivery().confirmTimeout();
        ConnectionFactory factory = ConfirmedPublisher.factory(host, port, username, password, timeout);
        return new ConfirmedPublisher(factory, Channels.PUBLISHER_CONNECTION, timeout);
    }

    void closePublisher(@Disposes ConfirmedPublisher publisher) {
        publisher.close();
    }

    @Produces
    @Singleton
    EventPublisher eventPublisher(ConfirmedPublisher publisher, EventCodec codec, TranslatorConfig config) {
        return new EventPublisher(publisher, codec, config.messaging().exchange());
    }

    @Produces
    @Singleton
    RetryScheduler retryScheduler(ConfirmedPublisher publisher, EventCodec codec, DelayQueues delayQueues) {
        return new RetryScheduler(publisher, codec, delayQueues);
    }

    @Produces
    @Singleton
    DeadLetterPublisher deadLetterPublisher(ConfirmedPublisher publisher, TranslatorConfig config) {
        return new DeadLetterPublisher(publisher, config.messaging().queue());
    }

    @Produces
    @Singleton
    DeliverySettlement deliverySettlement(TranslatorConfig config) {
        return new DeliverySettlement(config.delivery().confirmTimeout());
    }

    /**
     * Makes {@link DeliverySettlement} the AMQP metrics collector of the request consumer's connections (every copy of
     * the channel under {@code concurrency}), so that it knows the channel of each delivery.
     */
    @Produces
    @Singleton
    ClientCustomizer<RabbitMQOptions> deliveryChannels(DeliverySettlement settlement) {
        return (channel, channelConfig, options) -> channel.startsWith(Channels.REQUESTS)
                ? options.setMetricsCollector(settlement)
                : options;
    }

    @Produces
    @Singleton
    ProgressWatchdog progressWatchdog(TranslatorConfig config, ConfirmedPublisher publisher,
            DeliverySettlement settlement) {
        TranslatorConfig.Delivery delivery = config.delivery();
        String queue = config.messaging().queue();
        return new ProgressWatchdog(Channels.REQUESTS, delivery.maxDeliveryTime(), delivery.stallAfter(),
                delivery.checkInterval(), () -> publisher.withChannel(channel -> channel.messageCount(queue)),
                settlement::abortConsumerConnections);
    }

    void closeWatchdog(@Disposes ProgressWatchdog watchdog) {
        watchdog.close();
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck consumerProgress(ProgressWatchdog watchdog) {
        return new ConsumerProgressCheck(watchdog, Channels.REQUESTS);
    }

    @Produces
    @Singleton
    WorkerDeliveries workerDeliveries(EventCodec codec, DeliverySettlement settlement,
            DeadLetterPublisher deadLetters, ProgressWatchdog watchdog, TranslatorConfig config,
            AttemptMetrics metrics) {
        return new WorkerDeliveries(codec, settlement, deadLetters, watchdog, config.retry().initialDelay(),
                metrics::deadLettered);
    }

    /** The translate stage's durations, retries and deliveries in hand, registered at start. */
    @Produces
    @Singleton
    @Startup
    StageMetrics stageMetrics(MeterRegistry registry, ProgressWatchdog watchdog) {
        return new StageMetrics(registry, Stage.TRANSLATE, watchdog::inFlight);
    }

    @Produces
    @Singleton
    JobPhases jobPhases(ReactiveRedisDataSource redis, ProjectionKeys keys) {
        return new JobPhases(redis, keys);
    }

    @Produces
    @Singleton
    JobOutcomes jobOutcomes(ReactiveRedisDataSource redis, ProjectionKeys keys, TranslatorConfig config) {
        return new JobOutcomes(redis, keys, config.outcomes().retention());
    }

    /** The arguments the connector declares the events exchange with: its alternate exchange. */
    @Produces
    @Singleton
    @Identifier(EventsExchange.CONNECTOR_ARGUMENTS)
    Map<String, Object> exchangeArguments(TranslatorConfig config) {
        return EventsExchange.arguments(config.messaging().exchange());
    }

    void start(@Observes StartupEvent start, DelayQueues delayQueues, ProgressWatchdog watchdog, TranslatorConfig config,
            @ConfigProperty(name = "rabbitmq-host") String host,
            @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password) throws IOException, TimeoutException {
        new WorkerTopologyDeclarer(host, port, username, password).declare(delayQueues,
                config.messaging().exchange(), "translator-topology");
        watchdog.start();
    }
}
