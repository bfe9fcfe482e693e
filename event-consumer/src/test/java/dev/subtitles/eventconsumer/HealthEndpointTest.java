package dev.subtitles.eventconsumer;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.subtitles.auth.testing.Management;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HealthEndpointTest {

    /**
     * The messaging checks are DOWN until the projection's consumer has connected, which happens after start-up: right
     * after an application restart between test classes, a first look can come too early.
     */
    @Test
    void healthReportsUp() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> Management.given().when().get("/q/health").then().statusCode(200).body("status", is("UP")));
    }
}
