package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.payload.CancelRequested;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import dev.subtitles.manager.support.PublishedEvents;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class JobCancellationTest {

    @Inject
    RedisDataSource redis;

    @Inject
    ManagerConfig config;

    Projection projection;
    PublishedEvents published;

    @BeforeEach
    void setUp() {
        projection = new Projection(redis, config.projection().keyPrefix().orElse(""), config.projection().eventLogSchema());
        published = new PublishedEvents(config.exchange());
    }

    @AfterEach
    void tearDown() throws Exception {
        projection.clear();
        published.close();
    }

    @Test
    void cancellingARunningJobPublishesACancelRequestAfterTheRequest() {
        UUID job = Jobs.submit("Cancel me");

        given().when().delete("/jobs/" + job)
                .then().statusCode(202)
                .body("id", is(job.toString()))
                .body("cancelRequestedAt", notNullValue());

        await().atMost(Duration.ofSeconds(10)).until(() -> published.of(job).size() == 2);
        List<EventType> types = published.of(job).stream().map(message -> message.event().type()).toList();
        assertThat(types).containsExactly(EventType.DOWNLOAD_REQUESTED, EventType.CANCEL_REQUESTED);
        assertThat(published.of(job).get(1).event().payload()).isInstanceOf(CancelRequested.class);
        assertThat(published.of(job).get(1).routingKey()).isEqualTo("job.cancel.requested");
    }

    @Test
    void repeatedCancellationEmitsOneRequest() {
        UUID job = Jobs.submit("Cancel me twice");

        given().when().delete("/jobs/" + job).then().statusCode(202);
        given().when().delete("/jobs/" + job).then().statusCode(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> published.of(job).size() >= 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> published.of(job).size() == 2);
    }

    @Test
    void finishedJobCannotBeCancelled() {
        UUID job = Jobs.submit("Already done");
        projection.inRedis(job,
                new SubtitleReady(UUID.randomUUID(), "opensubtitles", "pt-BR", 1.0, List.of(), SubtitleFormat.SRT));

        given().when().delete("/jobs/" + job)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:job-finished"));
    }

    @Test
    void unknownJobIsNotFound() {
        given().when().delete("/jobs/" + UUID.randomUUID()).then().statusCode(404);
    }
}
