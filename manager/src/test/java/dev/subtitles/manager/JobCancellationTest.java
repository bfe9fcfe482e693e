package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
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
import dev.subtitles.common.event.payload.JobCancelled;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import dev.subtitles.manager.support.PublishedEvents;
import dev.subtitles.manager.support.ServerLink;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class JobCancellationTest {

    @Inject
    ManagerConfig config;

    @Inject
    JobOutcomes outcomes;

    @Inject
    Projection projection;

    PublishedEvents published;

    @BeforeEach
    void setUp() {
        published = new PublishedEvents(config.exchange());
    }

    @AfterEach
    void tearDown() throws Exception {
        projection.clear();
        published.close();
    }

    @Test
    void cancelThatWinsEndsTheJobWithOneJobCancelled() {
        UUID job = Jobs.submit("Cancel me");

        given().when().delete("/jobs/" + job)
                .then().statusCode(202)
                .body("id", is(job.toString()))
                .body("phase", is("CANCELLED"))
                .body("cancelRequestedAt", notNullValue());

        await().atMost(Duration.ofSeconds(10)).until(() -> published.of(job).size() == 2);
        List<EventType> types = published.of(job).stream().map(message -> message.event().type()).toList();
        assertThat(types).containsExactly(EventType.DOWNLOAD_REQUESTED, EventType.JOB_CANCELLED);
        assertThat(published.of(job).get(1).event().payload()).isInstanceOf(JobCancelled.class);
        assertThat(published.of(job).get(1).routingKey()).isEqualTo("job.cancelled");
        assertThat(outcomes.decided(job).await().atMost(Duration.ofSeconds(5))).hasValue(Outcome.CANCELLED);
    }

    @Test
    void cancelledJobReadsAsCancelledBeforeItsEventIsProjected() {
        UUID job = Jobs.submit("Cancel and look");

        given().when().delete("/jobs/" + job).then().statusCode(202);

        given().when().get("/jobs/" + job).then().statusCode(200).body("phase", is("CANCELLED"));
        given().when().get("/jobs").then().statusCode(200)
                .body("jobs.find { it.id == '" + job + "' }.phase", is("CANCELLED"));
    }

    @Test
    void repeatedCancellationEmitsOneEventWithTheSameAnswer() {
        UUID job = Jobs.submit("Cancel me twice");

        String first = given().when().delete("/jobs/" + job).then().statusCode(202)
                .body("phase", is("CANCELLED")).extract().path("cancelRequestedAt");
        given().when().delete("/jobs/" + job).then().statusCode(202)
                .body("phase", is("CANCELLED"))
                .body("cancelRequestedAt", is(first));

        await().atMost(Duration.ofSeconds(10)).until(() -> published.of(job).size() >= 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> published.of(job).size() == 2);
    }

    @Test
    void cancelThatLosesToAFinishingWorkerIsAConflictAndEmitsNothing() {
        UUID job = Jobs.submit("Almost done");
        outcomes.decide(job, Outcome.FINISHED).await().atMost(Duration.ofSeconds(5));

        given().when().delete("/jobs/" + job)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:job-finished"))
                .body("detail", containsString("finishing"));

        await().atMost(Duration.ofSeconds(10)).until(() -> published.of(job).size() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> published.of(job).size() == 1);
        assertThat(outcomes.decided(job).await().atMost(Duration.ofSeconds(5))).hasValue(Outcome.FINISHED);
    }

    @Test
    void cancelWhileRedisIsUnreachableIsUnavailableAndDecidesNothing() {
        UUID job = Jobs.submit("Cancel in the dark");

        ServerLink.REDIS.cut();
        try {
            given().when().delete("/jobs/" + job)
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue());
        } finally {
            ServerLink.REDIS.restore();
        }

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> outcomes.decided(job).await().atMost(Duration.ofSeconds(2)).isEmpty());
        given().when().delete("/jobs/" + job).then().statusCode(202).body("phase", is("CANCELLED"));
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
