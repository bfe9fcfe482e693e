package dev.subtitles.eventconsumer.messaging;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.messaging.EventsExchange;
import dev.subtitles.common.worker.ConfirmedPublisher;
import dev.subtitles.common.worker.DeadLetterPublisher;
import dev.subtitles.common.worker.EventPublisher;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import io.smallrye.common.annotation.Identifier;

/**
 * The event-consumer publishes like the workers: through a confirmed publisher of its own, whose every wait is bounded
 * by {@code event-consumer.timeout.broker}, to the topic exchange ({@code job.failed}) and to the projection queue's
 * DLQ (dead-letter copies).
 */
public class PublisherProducers {

    @Produces
    @Singleton
    ConfirmedPublisher confirmedPublisher(EventConsumerConfig config,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password) {
        Duration timeout = config.timeout().broker();
        return new ConfirmedPublisher(ConfirmedPublisher.factory(config.publisher().host(), config.publisher().port(),
                username, password, timeout), Channels.PUBLISHER_CONNECTION, timeout);
    }

    void closePublisher(@Disposes ConfirmedPublisher publisher) {
        publisher.close();
    }

    @Produces
    @Singleton
    EventPublisher eventPublisher(ConfirmedPublisher publisher, EventCodec codec,
            @ConfigProperty(name = "events.exchange") String exchange) {
        return new EventPublisher(publisher, codec, exchange);
    }

    @Produces
    @Singleton
    DeadLetterPublisher deadLetterPublisher(ConfirmedPublisher publisher,
            @ConfigProperty(name = "projection.queue") String queue) {
        return new DeadLetterPublisher(publisher, queue);
    }

    /** The arguments the connector declares the events exchange with: its alternate exchange. */
    @Produces
    @Singleton
    @Identifier(EventsExchange.CONNECTOR_ARGUMENTS)
    Map<String, Object> exchangeArguments(@ConfigProperty(name = "events.exchange") String exchange) {
        return EventsExchange.arguments(exchange);
    }
}
