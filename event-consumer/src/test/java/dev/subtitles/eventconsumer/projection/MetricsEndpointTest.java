package dev.subtitles.eventconsumer.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.auth.testing.Management;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.TestBroker;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MetricsEndpointTest {

    @Inject
    JobViews views;

    @Test
    void metricsShowConsumedEventsDuplicatesDecodeFailuresAndProjectionLag() throws Exception {
        TestTopology.awaitConsumerReady();
        JobEvent<EventPayload> started = TestEvents.event(UUID.randomUUID(), EventType.DOWNLOAD_STARTED);
        try (TestBroker broker = new TestBroker()) {
            broker.publish(started, started);
            broker.publishRaw("job.failed", "{}".getBytes(StandardCharsets.UTF_8), "application/cloudevents+json");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> views.history(started.jobId()).size() == 1);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(value(metrics, "events_consumed_total\\{type=\"subtitle.download.started\"}")).isGreaterThan(1);
            assertThat(value(metrics, "events_duplicates_total")).isGreaterThan(0);
            assertThat(value(metrics, "events_decode_failures_total")).isGreaterThan(0);
            assertThat(value(metrics, "events_projection_lag_seconds_count")).isGreaterThan(0);
            assertThat(metrics).contains("events_projection_lag_seconds_bucket{le=\"0.05\"}");
        });
    }

    /** The value of the first sample whose name (and labels) match {@code series}, 0 when there is none. */
    private static double value(String metrics, String series) {
        Matcher matcher = Pattern.compile("^" + series + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
