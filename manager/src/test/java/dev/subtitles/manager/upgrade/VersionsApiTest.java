package dev.subtitles.manager.upgrade;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.event.payload.UpgradeChecked;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/** {@code GET /jobs/{id}/versions} and {@code GET /jobs/{id}/subtitle?version=}: a done job's file and its upgrades. */
@QuarkusTest
class VersionsApiTest {

    private static final String FIRST = "1\n00:00:01,000 --> 00:00:02,000\nPrimeira versão.\n";
    private static final String SECOND = "1\n00:00:01,000 --> 00:00:02,000\nSegunda versão.\n";

    @Inject
    SubtitleStore store;

    @Inject
    Projection projection;

    @Inject
    Pool pool;

    private UpgradeRows rows;

    @BeforeEach
    void setUp() {
        rows = new UpgradeRows(pool);
    }

    @AfterEach
    void clear() {
        projection.clear();
    }

    @Test
    void doneJobHasItsFirstFileAsVersionOne() {
        UUID job = Jobs.submit("The Matrix");
        StoredSubtitleFile first = done(job, FIRST);

        given().when().get("/jobs/" + job + "/versions").then().statusCode(200)
                .body("jobId", is(job.toString()))
                .body("latest", is(1))
                .body("versions.version", contains(1))
                .body("versions[0].fileId", is(first.id().toString()))
                .body("versions[0].provider", is("opensubtitles"))
                .body("versions[0].score", is(160.0f))
                .body("versions[0].machineTranslated", is(false))
                .body("versions[0].language", is("pt-BR"))
                .body("versions[0].createdAt", not(nullValue()))
                .body("versions[0].links.subtitle", is("/jobs/" + job + "/subtitle?version=1"));
    }

    @Test
    void upgradedJobServesItsLatestVersionAndAnEarlierOneOnRequest() {
        UUID job = Jobs.submit("The Matrix");
        done(job, FIRST);
        rows.version(job, 2, file(job, SECOND, "library").id(), "library", 560);

        assertThat(given().when().get("/jobs/" + job + "/subtitle").then().statusCode(200).extract().asString())
                .contains("Segunda versão.");
        assertThat(given().queryParam("version", "1").when().get("/jobs/" + job + "/subtitle").then().statusCode(200)
                .extract().asString()).contains("Primeira versão.");
        assertThat(given().queryParam("version", "2").queryParam("format", "vtt").when()
                .get("/jobs/" + job + "/subtitle").then().statusCode(200).extract().asString())
                .startsWith("WEBVTT").contains("Segunda versão.");
        given().when().get("/jobs/" + job + "/versions").then().statusCode(200)
                .body("latest", is(2))
                .body("versions.version", contains(1, 2))
                .body("versions[1].provider", is("library"))
                .body("versions[1].score", is(560.0f))
                .body("versions[1].machineTranslated", is(false));
    }

    @Test
    void versionTheJobDoesNotHaveIsNotFound() {
        UUID job = Jobs.submit("The Matrix");
        done(job, FIRST);

        given().queryParam("version", "2").when().get("/jobs/" + job + "/subtitle").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:version-not-found"))
                .body("detail", containsString("no version 2"));
    }

    @Test
    void versionThatIsNoPositiveNumberIsABadRequest() {
        UUID job = Jobs.submit("The Matrix");
        done(job, FIRST);

        for (String version : List.of("two", "0", "-1")) {
            given().queryParam("version", version).when().get("/jobs/" + job + "/subtitle").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", is("version"));
        }
    }

    @Test
    void machineTranslatedFirstVersionNamesItsEngineAndWhereItsSourceCameFrom() {
        UUID job = Jobs.submit("The Matrix");
        StoredSubtitleFile source = store.save(NewSubtitleFile.downloaded(job, "en", SubtitleFormat.SRT,
                "1\n00:00:01,000 --> 00:00:02,000\nHello.\n", "library")).await().indefinitely();
        StoredSubtitleFile translated = store.save(NewSubtitleFile.machineTranslated(job, "pt-BR", SubtitleFormat.SRT,
                FIRST, "apertium", null, source.id())).await().indefinitely();
        projection.inRedis(job, new Translated(translated.id(), "apertium", null, 1, "en", "pt-BR",
                SubtitleFormat.SRT));

        given().when().get("/jobs/" + job + "/versions").then().statusCode(200)
                .body("versions[0].machineTranslated", is(true))
                .body("versions[0].engine", is("apertium"))
                .body("versions[0].provider", is("library"))
                .body("versions[0]", not(hasKey("score")));
    }

    @Test
    void jobWhoseViewExpiredBeforeAnUpgradeIsStillDoneWithItsResult() {
        UUID job = Jobs.submit("The Matrix");
        StoredSubtitleFile first = done(job, FIRST);
        projection.clear();
        projection.inRedis(job, new UpgradeChecked(1, 160.0, false, 1, 160.0, List.of()));

        given().when().get("/jobs/" + job).then().statusCode(200)
                .body("phase", is("DONE"))
                .body("result.fileId", is(first.id().toString()));
        assertThat(given().when().get("/jobs/" + job + "/subtitle").then().statusCode(200).extract().asString())
                .contains("Primeira versão.");
        given().when().get("/jobs/" + job + "/events").then().statusCode(200)
                .body("eventCount", is(2))
                .body("events.type", contains("subtitle.upgrade.checked", "subtitle.ready"));
    }

    @Test
    void jobNotDoneHasNoVersionsYet() {
        UUID job = Jobs.submit("The Matrix");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));

        given().when().get("/jobs/" + job + "/versions").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:job-not-done"));
    }

    @Test
    void unknownJobHasNoVersions() {
        given().when().get("/jobs/" + UUID.randomUUID() + "/versions").then().statusCode(404)
                .body("type", is("urn:subtitles:problem:job-not-found"));
    }

    private StoredSubtitleFile done(UUID job, String content) {
        StoredSubtitleFile first = store.save(NewSubtitleFile.downloaded(job, "pt-BR", SubtitleFormat.SRT, content,
                "opensubtitles").withMetadata(Map.of("score", "160"))).await().indefinitely();
        projection.inRedis(job, new SubtitleReady(first.id(), "opensubtitles", "pt-BR", 160, List.of("title"),
                SubtitleFormat.SRT));
        return first;
    }

    private StoredSubtitleFile file(UUID job, String content, String provider) {
        return store.save(NewSubtitleFile.downloaded(job, "pt-BR", SubtitleFormat.SRT, content, provider))
                .await().indefinitely();
    }
}
