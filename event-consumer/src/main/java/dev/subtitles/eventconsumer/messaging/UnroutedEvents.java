package dev.subtitles.eventconsumer.messaging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.subtitles.common.messaging.EventsExchange;
import dev.subtitles.common.worker.ConfirmedPublisher;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The events no queue binds ({@link EventsExchange}): declares the alternate exchange and its queue, and reports how
 * many events wait in that queue as the gauge {@code events.unrouted}, both every
 * {@code event-consumer.unrouted.check-interval}. The declaration is repeated so that the queue comes back if an
 * operator deletes it; a check that fails (the broker away) leaves the gauge at its last value.
 */
@ApplicationScoped
public class UnroutedEvents {

    private static final Logger LOG = Logger.getLogger(UnroutedEvents.class);

    private final ConfirmedPublisher publisher;
    private final EventConsumerConfig config;
    private final String exchange;
    private final AtomicLong waiting = new AtomicLong();
    private volatile Cancellable checks;

    public UnroutedEvents(ConfirmedPublisher publisher, EventConsumerConfig config, MeterRegistry registry,
            @ConfigProperty(name = "events.exchange") String exchange) {
        this.publisher = publisher;
        this.config = config;
        this.exchange = exchange;
        Gauge.builder("events.unrouted", waiting, AtomicLong::get)
                .description("Events that no queue binds, kept in the queue " + EventsExchange.unrouted(exchange))
                .register(registry);
    }

    void start(@Observes StartupEvent start) {
        checks = Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(config.unrouted().checkInterval())
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> publisher.withChannel(channel -> {
                    EventsExchange.declareUnrouted(channel, exchange);
                    return channel.messageCount(EventsExchange.unrouted(exchange));
                }).onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Could not check the unrouted events: %s", failure.getMessage());
                    return waiting.get();
                }))
                .subscribe().with(waiting::set);
    }

    @PreDestroy
    void stop() {
        if (checks != null) {
            checks.cancel();
        }
    }
}
