package dev.subtitles.eventconsumer.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness of the projection: DOWN for good once its message stream or its batch loop has failed. Neither can be
 * subscribed again inside the process (the connector's incoming stream ends with its failure), so the process has to
 * be restarted, which a liveness probe does; until then the broker keeps the events.
 */
@Liveness
@ApplicationScoped
public class ProjectionStreamLiveness implements HealthCheck {

    private static final String NAME = "projection stream";

    private volatile String failure;

    /** Records that {@code stream} failed with {@code cause}; the check is DOWN from now on. */
    void failed(String stream, Throwable cause) {
        failure = stream + " failed: " + cause;
    }

    @Override
    public HealthCheckResponse call() {
        String failed = failure;
        return failed == null ? HealthCheckResponse.up(NAME)
                : HealthCheckResponse.named(NAME).down().withData("failure", failed).build();
    }
}
