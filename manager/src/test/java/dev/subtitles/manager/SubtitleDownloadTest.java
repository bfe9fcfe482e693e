package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SubtitleDownloadTest {

    private static final String SRT = """
            1
            00:00:01,000 --> 00:00:02,500
            Olá, Neo.

            """;

    @Inject
    SubtitleStore store;

    @Inject
    Projection projection;

    @AfterEach
    void clear() {
        projection.clear();
    }

    @Test
    void doneJobServesItsFileAsSrtWithAFileName() {
        UUID job = doneJob();

        String body = given().when().get("/jobs/" + job + "/subtitle")
                .then().statusCode(200)
                .contentType(startsWith("application/x-subrip"))
                .header("Content-Disposition", is("attachment; filename=\"the-matrix.1999.pt-BR.srt\""))
                .extract().asString();
        assertThat(body).contains("Olá, Neo.").contains("00:00:01,000 --> 00:00:02,500");
    }

    @Test
    void doneJobServesItsFileConvertedToWebVtt() {
        UUID job = doneJob();

        String body = given().queryParam("format", "vtt").when().get("/jobs/" + job + "/subtitle")
                .then().statusCode(200)
                .contentType(startsWith("text/vtt"))
                .header("Content-Disposition", is("attachment; filename=\"the-matrix.1999.pt-BR.vtt\""))
                .extract().asString();
        assertThat(body).startsWith("WEBVTT").contains("00:00:01.000 --> 00:00:02.500");
    }

    @Test
    void jobNotDoneYetIsAConflict() {
        UUID job = Jobs.submit("The Matrix");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));

        given().when().get("/jobs/" + job + "/subtitle")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:job-not-done"));
    }

    @Test
    void unknownFormatIsABadRequest() {
        UUID job = doneJob();

        given().queryParam("format", "ass").when().get("/jobs/" + job + "/subtitle")
                .then().statusCode(400)
                .body("errors[0].field", is("format"));
    }

    @Test
    void unknownJobIsNotFound() {
        given().when().get("/jobs/" + UUID.randomUUID() + "/subtitle").then().statusCode(404);
    }

    private UUID doneJob() {
        UUID job = Jobs.submit("The Matrix");
        StoredSubtitleFile file = store
                .save(NewSubtitleFile.downloaded(job, "pt-BR", SubtitleFormat.SRT, SRT, "opensubtitles"))
                .await().indefinitely();
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        projection.inRedis(job,
                new SubtitleReady(file.id(), "opensubtitles", "pt-BR", 0.95, List.of(), SubtitleFormat.SRT));
        return job;
    }
}
