package dev.subtitles.downloader.upgrade;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.tracing.ConsumerTracing;
import dev.subtitles.common.worker.ConfirmedPublisher;
import dev.subtitles.common.worker.DeadLetterPublisher;
import dev.subtitles.common.worker.DeliverySettlement;
import dev.subtitles.common.worker.ProgressWatchdog;
import dev.subtitles.common.worker.WorkerDeliveries;
import dev.subtitles.common.worker.wiring.WorkerSettings;
import dev.subtitles.downloader.config.DownloaderConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * The consumer of the upgrades queue (channel {@value #CHANNEL}, docs/upgrades.md): the same delivery shape as the
 * work queue's ({@link WorkerDeliveries}: decode once, dead-letter what is no upgrade request with the reason, ack
 * once the event is confirmed, back to the queue otherwise, under a {@link ProgressWatchdog}), with pieces of its own
 * so that the two consumers never share a channel, a stall or a restart: its own acks on its own channels, its own
 * DLQ, its own watchdog. Events and dead-letter copies go through the downloader's one confirmed publisher.
 */
@Singleton
public class UpgradeConsumer {

    /** The incoming channel of upgrade requests, configured as {@code mp.messaging.incoming.upgrades.*}. */
    public static final String CHANNEL = "upgrades";

    private final DeliverySettlement settlement;
    private final ProgressWatchdog watchdog;
    private final WorkerDeliveries deliveries;
    private final UpgradeRequestHandler handler;

    public UpgradeConsumer(DownloaderConfig config, ConfirmedPublisher publisher, EventCodec codec,
            UpgradeRequestHandler handler, MeterRegistry registry, Tracer tracer,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean tracingDisabled) {
        WorkerSettings.Delivery delivery = config.delivery();
        String queue = config.upgrades().queue();
        Duration requeueDelay = config.retry().initialDelay();
        this.handler = handler;
        this.settlement = new DeliverySettlement(delivery.confirmTimeout());
        this.watchdog = new ProgressWatchdog(CHANNEL, config.upgrades().maxDeliveryTime(), delivery.stallAfter(),
                delivery.checkInterval(), () -> publisher.withChannel(channel -> channel.messageCount(queue)),
                settlement::abortConsumerConnections);
        Counter deadLettered = Counter.builder("downloader.upgrades.dead.letters")
                .description("Upgrade requests copied to the dead-letter queue").register(registry);
        this.deliveries = new WorkerDeliveries(codec, settlement, new DeadLetterPublisher(publisher, queue), watchdog,
                new ConsumerTracing(tracer, !tracingDisabled), requeueDelay, deadLettered::increment);
    }

    @Incoming(CHANNEL)
    public Uni<Void> onRequest(Message<byte[]> message) {
        return deliveries.handle(message, handler);
    }

    /** Where the channel's AMQP clients report their consumers and deliveries, so acks go to the right channel. */
    DeliverySettlement settlement() {
        return settlement;
    }

    /** The readiness of this consumer: DOWN while its watchdog finds it stuck or stalled. */
    HealthCheckResponse progress() {
        String name = CHANNEL + " progress";
        return watchdog.problem()
                .map(problem -> HealthCheckResponse.named(name).down().withData("problem", problem).build())
                .orElseGet(() -> HealthCheckResponse.up(name));
    }

    void start(@Observes StartupEvent event) {
        watchdog.start();
    }

    @PreDestroy
    void stop() {
        watchdog.close();
    }
}
