package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.RetryScheduled;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class JobEventsTest {

    @Inject
    Projection projection;

    @AfterEach
    void clear() {
        projection.clear();
    }

    @Test
    void knownJobWithoutEventsHasAnEmptyHistory() {
        UUID job = Jobs.submit("Quiet");

        given().when().get("/jobs/" + job + "/events")
                .then().statusCode(200)
                .body("jobId", is(job.toString()))
                .body("eventCount", is(0))
                .body("events.size()", is(0))
                .body("nextCursor", nullValue());
    }

    @Test
    void unknownJobIsNotFound() {
        given().when().get("/jobs/" + UUID.randomUUID() + "/events")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void eventsComeNewestFirstWithSequenceTypeTimeSourceAndPayload() {
        UUID job = Jobs.submit("History");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        var retry = projection.inRedis(job, new RetryScheduled(Stage.DOWNLOAD, 1,
                Instant.parse("2026-11-25T14:00:00Z"), "provider answered 503"));

        given().when().get("/jobs/" + job + "/events")
                .then().statusCode(200)
                .body("eventCount", is(2))
                .body("events.seq", contains(2, 1))
                .body("events[0].id", is(retry.id().toString()))
                .body("events[0].type", is("job.retry.scheduled"))
                .body("events[0].source", is("/subtitles/downloader/test-host"))
                .body("events[0].data.error", is("provider answered 503"))
                .body("events[1].type", is("subtitle.download.started"));
    }

    @Test
    void limitAndCursorPageThroughOlderEvents() {
        UUID job = Jobs.submit("Long history");
        for (int attempt = 1; attempt <= 5; attempt++) {
            projection.inRedis(job, new DownloadStarted(attempt, "downloader-1"));
        }

        JsonPath first = given().queryParam("limit", 2).when().get("/jobs/" + job + "/events")
                .then().statusCode(200).extract().jsonPath();
        JsonPath second = given().queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .when().get("/jobs/" + job + "/events").then().statusCode(200).extract().jsonPath();
        JsonPath last = given().queryParam("limit", 2).queryParam("cursor", second.getString("nextCursor"))
                .when().get("/jobs/" + job + "/events").then().statusCode(200).extract().jsonPath();

        assertThat(first.getList("events.seq", Integer.class)).containsExactly(5, 4);
        assertThat(second.getList("events.seq", Integer.class)).containsExactly(3, 2);
        assertThat(last.getList("events.seq", Integer.class)).containsExactly(1);
        assertThat(last.getString("nextCursor")).isNull();
        assertThat(first.getInt("eventCount")).isEqualTo(5);
    }

    @Test
    void historyComesFromTheEventLogWhenRedisHasExpiredIt() {
        UUID job = Jobs.submit("Expired");
        projection.inEventLog(job, new DownloadStarted(1, "downloader-1"));
        projection.inEventLog(job, new DownloadStarted(2, "downloader-2"));

        given().when().get("/jobs/" + job + "/events")
                .then().statusCode(200)
                .body("eventCount", is(2))
                .body("events.seq", contains(2, 1))
                .body("events[0].type", is("subtitle.download.started"))
                .body("events[0].data.instance", is("downloader-2"));
    }

    @Test
    void longPollAnswersAsSoonAsANewerEventIsProjected() throws Exception {
        UUID job = Jobs.submit("Waiting");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));

        CompletableFuture<JsonPath> answer = CompletableFuture.supplyAsync(() -> given()
                .queryParam("after", 1).queryParam("wait", 30)
                .when().get("/jobs/" + job + "/events").then().statusCode(200).extract().jsonPath());
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
                .until(() -> !answer.isDone());
        long published = System.nanoTime();
        projection.inRedis(job, new DownloadStarted(2, "downloader-2"));

        JsonPath events = answer.get(10, TimeUnit.SECONDS);
        assertThat(events.getList("events.seq", Integer.class)).containsExactly(2);
        assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void longPollWithoutNewEventsAnswersEmptyWhenTheWaitIsOver() {
        UUID job = Jobs.submit("Nothing happens");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));

        long start = System.nanoTime();
        given().queryParam("after", 1).queryParam("wait", 1)
                .when().get("/jobs/" + job + "/events")
                .then().statusCode(200)
                .body("events.size()", is(0))
                .body("eventCount", is(1));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void waitLongerThanAMinuteIsABadRequest() {
        UUID job = Jobs.submit("Impatient");

        given().queryParam("wait", 61).when().get("/jobs/" + job + "/events")
                .then().statusCode(400)
                .body("errors[0].field", is("wait"));
    }

    @Test
    void compatibilityRouteReturnsTheSameData() {
        UUID job = Jobs.submit("Compatible");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));

        String modern = given().when().get("/jobs/" + job + "/events").then().statusCode(200).extract().asString();
        String legacy = given().when().get("/subtitles/" + job + "/events").then().statusCode(200).extract()
                .asString();

        assertThat(legacy).isEqualTo(modern);
        assertThat(modern).contains("subtitle.download.started");
    }
}
