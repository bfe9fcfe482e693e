package dev.subtitles.manager.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.outbox.OutboxPublisher;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Whether the outbox relay can reach RabbitMQ. PostgreSQL and Redis have the checks their extensions provide.
 * Submissions keep working while this is down (their events wait in the outbox), but nothing is published, which
 * an operator needs to see.
 */
@Readiness
@ApplicationScoped
public class RabbitMqReadinessCheck implements AsyncHealthCheck {

    private final OutboxPublisher publisher;
    private final ManagerConfig config;

    public RabbitMqReadinessCheck(OutboxPublisher publisher, ManagerConfig config) {
        this.publisher = publisher;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return publisher.checkConnection().map(connected -> HealthCheckResponse.named("RabbitMQ outbox relay")
                .status(connected)
                .withData("broker", config.broker().host() + ":" + config.broker().port())
                .withData("exchange", config.exchange())
                .build());
    }
}
