package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class JobQueryTest {

    @Inject
    Projection projection;

    @AfterEach
    void clear() {
        projection.clear();
    }

    @Test
    void jobWithoutProjectionIsQueuedForDownload() {
        UUID job = Jobs.submit("Brazil");

        given().when().get("/jobs/" + job)
                .then().statusCode(200)
                .body("id", is(job.toString()))
                .body("phase", is("DOWNLOAD_QUEUED"))
                .body("video.title", is("Brazil"))
                .body("updatedAt", nullValue());
    }

    @Test
    void doneJobShowsItsResultFromRedis() {
        UUID job = Jobs.submit("Blade Runner");
        UUID file = UUID.randomUUID();
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        projection.inRedis(job, new SubtitleReady(file, "opensubtitles", "pt-BR", 0.9, List.of(), SubtitleFormat.SRT));

        given().when().get("/jobs/" + job)
                .then().statusCode(200)
                .body("phase", is("DONE"))
                .body("result.fileId", is(file.toString()))
                .body("result.provider", is("opensubtitles"))
                .body("links.subtitle", is("/jobs/" + job + "/subtitle"));
    }

    @Test
    void failedJobShowsItsErrorFromTheEventLogWhenRedisHasNothing() {
        UUID job = Jobs.submit("Metropolis");
        projection.inEventLog(job, new DownloadStarted(1, "downloader-1"));
        projection.inEventLog(job, new JobFailed(Stage.DOWNLOAD, "no-subtitle-found", "no provider has one"));

        given().when().get("/jobs/" + job)
                .then().statusCode(200)
                .body("phase", is("FAILED"))
                .body("error.code", is("no-subtitle-found"))
                .body("error.stage", is("DOWNLOAD"))
                .body("error.message", is("no provider has one"));
    }

    @Test
    void phaseFoldedFromTheEventLogIsNotUndoneByARedisViewThatLags() {
        UUID job = Jobs.submit("Alien");
        JobEvent<?> requested = projection.inEventLog(job, new DownloadRequested(new VideoRef("Alien", null, null, null,
                null, null, null, null), "en", List.of(), SubtitleFormat.SRT, null, Priority.NORMAL));
        projection.inEventLog(job, new DownloadStarted(1, "downloader-1"));
        given().when().get("/jobs/" + job).then().statusCode(200).body("phase", is("DOWNLOAD_IN_PROGRESS"));

        // The event-consumer has projected only the first of the two recorded events so far.
        projection.project(requested);

        given().when().get("/jobs/" + job).then().statusCode(200).body("phase", is("DOWNLOAD_IN_PROGRESS"));
        given().when().get("/jobs").then().statusCode(200)
                .body("jobs.find { it.id == '" + job + "' }.phase", is("DOWNLOAD_IN_PROGRESS"));
    }

    @Test
    void redisViewFurtherAlongThanTheEventLogIsShown() {
        UUID job = Jobs.submit("Aliens");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));

        given().when().get("/jobs/" + job).then().statusCode(200).body("phase", is("DOWNLOAD_IN_PROGRESS"));
    }

    @Test
    void unknownJobIsNotFound() {
        given().when().get("/jobs/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:job-not-found"));
    }

    @Test
    void malformedJobIdIsNotFound() {
        given().when().get("/jobs/not-a-uuid")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void listIsNewestFirstAndPagesWithTheCursor() {
        List<UUID> submitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            submitted.add(Jobs.submit("Paging " + i));
        }

        JsonPath first = given().queryParam("limit", 3).when().get("/jobs")
                .then().statusCode(200).extract().jsonPath();
        JsonPath second = given().queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .when().get("/jobs").then().statusCode(200).extract().jsonPath();

        List<String> newestFive = new ArrayList<>(first.getList("jobs.id", String.class));
        newestFive.addAll(second.getList("jobs.id", String.class));
        Collections.reverse(submitted);
        assertThat(newestFive).containsExactlyElementsOf(submitted.stream().map(UUID::toString).toList());
    }

    @Test
    void phaseFilterKeepsOnlyJobsInThatPhase() {
        UUID running = Jobs.submit("Running");
        UUID queued = Jobs.submit("Queued");
        projection.inRedis(running, new DownloadStarted(1, "downloader-1"));

        List<String> inProgress = given().queryParam("phase", "DOWNLOAD_IN_PROGRESS").queryParam("limit", 100)
                .when().get("/jobs").then().statusCode(200).extract().jsonPath().getList("jobs.id", String.class);

        assertThat(inProgress).contains(running.toString()).doesNotContain(queued.toString());
    }

    @Test
    void unknownPhaseIsABadRequest() {
        given().queryParam("phase", "SLEEPING").when().get("/jobs")
                .then().statusCode(400)
                .body("errors[0].field", is("phase"));
    }

    @Test
    void limitOutOfRangeIsABadRequest() {
        given().queryParam("limit", 0).when().get("/jobs")
                .then().statusCode(400)
                .body("errors[0].field", is("limit"));
    }

    @Test
    void foreignCursorIsABadRequest() {
        given().queryParam("cursor", "bm90LWEtY3Vyc29y").when().get("/jobs")
                .then().statusCode(400)
                .body("errors[0].field", is("cursor"));
    }
}
