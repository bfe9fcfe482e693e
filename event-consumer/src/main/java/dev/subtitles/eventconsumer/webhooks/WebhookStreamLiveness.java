package dev.subtitles.eventconsumer.webhooks;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness of the webhooks' fan-out: DOWN for good once its message stream failed, which cannot be subscribed again
 * inside the process; a liveness probe restarts it, and the broker keeps the events meanwhile.
 */
@Liveness
@ApplicationScoped
public class WebhookStreamLiveness implements HealthCheck {

    private static final String NAME = "webhooks stream";

    private volatile String failure;

    void failed(Throwable cause) {
        failure = "the webhooks channel failed: " + cause;
    }

    @Override
    public HealthCheckResponse call() {
        String failed = failure;
        return failed == null ? HealthCheckResponse.up(NAME)
                : HealthCheckResponse.named(NAME).down().withData("failure", failed).build();
    }
}
