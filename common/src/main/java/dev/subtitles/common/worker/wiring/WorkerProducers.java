package dev.subtitles.common.worker.wiring;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.messaging.EventsExchange;
import dev.subtitles.common.metrics.StageMetrics;
import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.common.tracing.ConsumerTracing;
import dev.subtitles.common.worker.AttemptOutputs;
import dev.subtitles.common.worker.Backoff;
import dev.subtitles.common.worker.ConfirmedPublisher;
import dev.subtitles.common.worker.ConsumerProgressCheck;
import dev.subtitles.common.worker.DeadLetterPublisher;
import dev.subtitles.common.worker.DeliverySettlement;
import dev.subtitles.common.worker.EventPublisher;
import dev.subtitles.common.worker.JobPhases;
import dev.subtitles.common.worker.Lane;
import dev.subtitles.common.worker.ProgressWatchdog;
import dev.subtitles.common.worker.RetryScheduler;
import dev.subtitles.common.worker.WorkQueues;
import dev.subtitles.common.worker.WorkerDeliveries;
import dev.subtitles.common.worker.WorkerTopologyDeclarer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.arc.DefaultBean;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.ClientCustomizer;
import io.vertx.rabbitmq.RabbitMQOptions;

/**
 * Beans of the worker helpers of {@code dev.subtitles.common.worker} (plain classes), wired once for every worker
 * from the {@link Worker} it produces; declares the delay queues and starts the lanes' watchdogs at start. A worker
 * supplies its {@link Worker}, its {@link dev.subtitles.common.worker.RequestHandler} and the beans of its own job.
 * <p>
 * Enabled like {@link RequestListener}: only in a service that configures the requests channel.
 */
@IfBuildProperty(name = RequestListener.CONNECTOR_PROPERTY, stringValue = RequestListener.CONNECTOR)
@Singleton
public class WorkerProducers {

    private final String host;
    private final int port;
    private final String username;
    private final String password;

    public WorkerProducers(@ConfigProperty(name = "rabbitmq-host") String host,
            @ConfigProperty(name = "rabbitmq-port") int port,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /** The wall clock; a test may put a fixed one in its place. */
    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    WorkQueues workQueues(Worker worker) {
        WorkerSettings.Retry retry = worker.settings().retry();
        return new WorkQueues(worker.settings().messaging().queue(), retry.initialDelay(), retry.maxDelay());
    }

    @Produces
    @Singleton
    Backoff backoff(Worker worker) {
        WorkerSettings.Retry retry = worker.settings().retry();
        return new Backoff(retry.initialDelay(), retry.maxDelay(), retry.jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    @Produces
    @Singleton
    ConfirmedPublisher confirmedPublisher(Worker worker) {
        Duration timeout = worker.settings().delivery().confirmTimeout();
        return new ConfirmedPublisher(ConfirmedPublisher.factory(host, port, username, password, timeout),
                worker.name() + "-publisher", timeout);
    }

    void closePublisher(@Disposes ConfirmedPublisher publisher) {
        publisher.close();
    }

    @Produces
    @Singleton
    EventPublisher eventPublisher(ConfirmedPublisher publisher, EventCodec codec, Worker worker) {
        return new EventPublisher(publisher, codec, worker.settings().messaging().exchange());
    }

    @Produces
    @Singleton
    RetryScheduler retryScheduler(ConfirmedPublisher publisher, EventCodec codec, WorkQueues queues) {
        return new RetryScheduler(publisher, codec, queues);
    }

    /**
     * The lane of each priority (docs/topology.md, "Priorities"), each with the settlement, the watchdog and the
     * dead-letter queue of its own work queue. Counts the messages copied to a DLQ ({@code <worker>.dead.letters}).
     */
    @Produces
    @Singleton
    Lanes lanes(Worker worker, WorkQueues queues, ConfirmedPublisher publisher, EventCodec codec,
            MeterRegistry registry, Tracer tracer,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean tracingDisabled) {
        Counter deadLettered = Counter.builder(worker.name() + ".dead.letters")
                .description("Messages copied to the dead-letter queue").register(registry);
        ConsumerTracing tracing = new ConsumerTracing(tracer, !tracingDisabled);
        WorkerSettings.Delivery delivery = worker.settings().delivery();
        List<Lane> lanes = new ArrayList<>();
        for (Priority priority : Priority.values()) {
            String queue = queues.queue(priority);
            String channel = RequestListener.channel(priority);
            DeliverySettlement settlement = new DeliverySettlement(delivery.confirmTimeout());
            ProgressWatchdog watchdog = new ProgressWatchdog(channel, delivery.maxDeliveryTime(),
                    delivery.stallAfter(), delivery.checkInterval(),
                    () -> publisher.withChannel(amqp -> amqp.messageCount(queue)),
                    settlement::abortConsumerConnections);
            WorkerDeliveries deliveries = new WorkerDeliveries(codec, settlement,
                    new DeadLetterPublisher(publisher, queue), watchdog, tracing,
                    worker.settings().retry().initialDelay(), deadLettered::increment);
            lanes.add(new Lane(priority, channel, queue, settlement, watchdog, deliveries));
        }
        return new Lanes(lanes);
    }

    void closeLanes(@Disposes Lanes lanes) {
        lanes.close();
    }

    /**
     * Makes each lane's {@link DeliverySettlement} the AMQP metrics collector of its channel's connections (every copy
     * of the channel under {@code concurrency}), so that it knows the channel of each delivery.
     */
    @Produces
    @Singleton
    ClientCustomizer<RabbitMQOptions> deliveryChannels(Lanes lanes) {
        return (channel, channelConfig, options) -> lanes.forChannel(channel)
                .map(lane -> options.setMetricsCollector(lane.settlement()))
                .orElse(options);
    }

    /** The stage's durations, retries and deliveries in hand, registered at start. */
    @Produces
    @Singleton
    @Startup
    StageMetrics stageMetrics(MeterRegistry registry, Worker worker, Lanes lanes) {
        return new StageMetrics(registry, worker.stage(), lanes::inFlight);
    }

    @Produces
    @Singleton
    AttemptOutputs attemptOutputs(Worker worker, EventPublisher events, RetryScheduler retries, Backoff backoff,
            StageMetrics metrics, Clock clock) {
        return new AttemptOutputs(worker.stage(), worker.source(), events, retries, backoff, metrics, clock);
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck consumerProgress(Lanes lanes) {
        Map<String, ProgressWatchdog> watchdogs = new LinkedHashMap<>();
        lanes.all().forEach(lane -> watchdogs.put(lane.channel(), lane.watchdog()));
        return new ConsumerProgressCheck(RequestListener.CHANNEL + " progress", watchdogs);
    }

    /** Where a worker reads a job's projected phase, to skip work for a job that ended. */
    @Produces
    @Singleton
    JobPhases jobPhases(ReactiveRedisDataSource redis, ProjectionKeys keys) {
        return new JobPhases(redis, keys);
    }

    /** The arguments the connector declares the events exchange with: its alternate exchange. */
    @Produces
    @Singleton
    @Identifier(EventsExchange.CONNECTOR_ARGUMENTS)
    Map<String, Object> exchangeArguments(Worker worker) {
        return EventsExchange.arguments(worker.settings().messaging().exchange());
    }

    void start(@Observes StartupEvent start, Worker worker, WorkQueues queues, Lanes lanes)
            throws IOException, TimeoutException {
        new WorkerTopologyDeclarer(host, port, username, password).declare(queues,
                worker.settings().messaging().exchange(), worker.name() + "-topology");
        lanes.start();
    }
}
