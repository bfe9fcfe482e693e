package dev.subtitles.eventconsumer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.subtitles.auth.testing.Management;
import dev.subtitles.common.metrics.DashboardQueries;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Grafana dashboard reads from the event-consumer only metrics it exposes. They are registered at start, so this holds
 * whichever tests ran first.
 */
@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DashboardMetricsTest {

    @Test
    void everyMetricTheDashboardReadsFromThisServiceIsExposed() {
        String exposition = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(DashboardQueries.exposedNames(exposition))
                .containsAll(DashboardQueries.read().metricsOf("event-consumer"));
    }
}
