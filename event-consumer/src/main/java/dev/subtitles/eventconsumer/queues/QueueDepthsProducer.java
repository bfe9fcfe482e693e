package dev.subtitles.eventconsumer.queues;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.subtitles.common.worker.ConfirmedPublisher;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/** The queue depth gauges, on the broker the event-consumer publishes to, registered and read from start. */
public class QueueDepthsProducer {

    @Produces
    @Singleton
    @Startup
    QueueDepths queueDepths(EventConsumerConfig config, MeterRegistry registry,
            @ConfigProperty(name = "rabbitmq-username") String username,
            @ConfigProperty(name = "rabbitmq-password") String password) {
        QueueDepths depths = new QueueDepths(ConfirmedPublisher.factory(config.publisher().host(),
                config.publisher().port(), username, password, config.queues().timeout()),
                config.queues().watched(), config.queues().checkInterval(), config.queues().timeout(), registry);
        depths.start();
        return depths;
    }

    void close(@Disposes QueueDepths depths) {
        depths.close();
    }
}
