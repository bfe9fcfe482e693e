package dev.subtitles.eventconsumer.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ProjectionStreamLivenessTest {

    private final ProjectionStreamLiveness liveness = new ProjectionStreamLiveness();

    @Test
    void liveWhileNoStreamFailed() {
        assertThat(liveness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void downWithTheFailureOnceAStreamFailed() {
        liveness.failed("the projection channel", new IllegalStateException("Queue is full"));

        HealthCheckResponse response = liveness.call();

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data.get("failure").toString())
                .contains("the projection channel failed").contains("Queue is full"));
    }
}
