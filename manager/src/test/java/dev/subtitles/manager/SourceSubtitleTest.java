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
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.event.payload.TranslateStarted;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /jobs/{id}/subtitle/source}: the file a translated job's subtitle was translated from. */
@QuarkusTest
class SourceSubtitleTest {

    private static final String ENGLISH = """
            1
            00:00:01,000 --> 00:00:02,500
            Hello, Neo.

            """;
    private static final String PORTUGUESE = """
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
    void translatedJobServesTheFileItWasTranslatedFromInItsLanguage() {
        UUID job = translatedJob();

        String body = given().when().get("/jobs/" + job + "/subtitle/source")
                .then().statusCode(200)
                .contentType(startsWith("application/x-subrip"))
                .header("Content-Disposition", is("attachment; filename=\"the-matrix.1999.en.srt\""))
                .extract().asString();
        assertThat(body).contains("Hello, Neo.").doesNotContain("Olá");
    }

    @Test
    void sourceIsConvertedToWebVttOnRequest() {
        UUID job = translatedJob();

        String body = given().queryParam("format", "vtt").when().get("/jobs/" + job + "/subtitle/source")
                .then().statusCode(200)
                .contentType(startsWith("text/vtt"))
                .extract().asString();
        assertThat(body).startsWith("WEBVTT").contains("00:00:01.000 --> 00:00:02.500").contains("Hello, Neo.");
    }

    @Test
    void jobFoundInItsLanguageHasNoSource() {
        UUID job = Jobs.submit("The Matrix");
        StoredSubtitleFile file = save(NewSubtitleFile.downloaded(job, "pt-BR", SubtitleFormat.SRT, PORTUGUESE,
                "opensubtitles"));
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        projection.inRedis(job,
                new SubtitleReady(file.id(), "opensubtitles", "pt-BR", 0.95, List.of(), SubtitleFormat.SRT));

        given().when().get("/jobs/" + job + "/subtitle/source")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:no-source-subtitle"));
    }

    @Test
    void jobNotDoneYetIsAConflict() {
        UUID job = Jobs.submit("The Matrix");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));

        given().when().get("/jobs/" + job + "/subtitle/source")
                .then().statusCode(409)
                .body("type", is("urn:subtitles:problem:job-not-done"));
    }

    @Test
    void unknownJobIsNotFound() {
        given().when().get("/jobs/" + UUID.randomUUID() + "/subtitle/source")
                .then().statusCode(404)
                .body("type", is("urn:subtitles:problem:job-not-found"));
    }

    private UUID translatedJob() {
        UUID job = Jobs.submit("The Matrix");
        StoredSubtitleFile english = save(NewSubtitleFile.downloaded(job, "en", SubtitleFormat.SRT, ENGLISH,
                "opensubtitles"));
        StoredSubtitleFile portuguese = save(NewSubtitleFile.machineTranslated(job, "pt-BR", SubtitleFormat.SRT,
                PORTUGUESE, "apertium", null, english.id()));
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        projection.inRedis(job, new TranslateRequested(english.id(), "en", "pt-BR", SubtitleFormat.SRT,
                "opensubtitles", Priority.NORMAL));
        projection.inRedis(job, new TranslateStarted(1, "apertium"));
        projection.inRedis(job,
                new Translated(portuguese.id(), "apertium", null, 1, "en", "pt-BR", SubtitleFormat.SRT));
        return job;
    }

    private StoredSubtitleFile save(NewSubtitleFile file) {
        return store.save(file).await().indefinitely();
    }
}
