package dev.subtitles.manager.batch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.manager.support.Batches;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class BatchSubmissionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Test
    void aSeasonBecomesOneQueuedJobPerEpisodeInOrder() {
        Response response = Batches.post(given(), Batches.season("Breaking Bad", 1, 3));

        response.then().statusCode(202)
                .header("Location", endsWith("/batches/" + response.path("id")))
                .body("size", is(3))
                .body("series.title", is("Breaking Bad"))
                .body("season", is(1))
                .body("language", is("es"))
                .body("format", is("srt"))
                .body("jobs.episode", contains(1, 2, 3))
                .body("jobs.season", everyItem(is(1)))
                .body("jobs.phase", everyItem(is("DOWNLOAD_QUEUED")))
                .body("counts.DOWNLOAD_QUEUED", is(3))
                .body("counts.DONE", is(0))
                .body("ended", is(0))
                .body("complete", is(false))
                .body("links.events", is("/batches/" + response.path("id") + "/events/stream"))
                .body("links.subtitles", is("/batches/" + response.path("id") + "/subtitles.zip"));
    }

    @Test
    void theBatchItsJobsAndTheirEventsAreAllWritten() {
        Batches.Submitted batch = Batches.submit("Written together", 1, 4);

        List<Row> jobs = rows("select id, batch_id, video_title, season, episode, language, format, tenant"
                + " from manager.job where batch_id = $1 order by episode", batch.id());
        assertThat(jobs).extracting(row -> row.getUUID("id")).containsExactlyInAnyOrderElementsOf(batch.jobs());
        assertThat(jobs).extracting(row -> row.getInteger("episode")).containsExactly(1, 2, 3, 4);
        assertThat(jobs).allSatisfy(row -> {
            assertThat(row.getString("video_title")).isEqualTo("Written together");
            assertThat(row.getInteger("season")).isEqualTo(1);
            assertThat(row.getString("language")).isEqualTo("es");
            assertThat(row.getString("tenant")).isEqualTo("default");
        });
        List<Row> events = rows("select job_id, type from manager.outbox where job_id = any($1) order by id",
                batch.jobs().toArray(UUID[]::new));
        assertThat(events).extracting(row -> row.getUUID("job_id")).containsExactlyElementsOf(batch.jobs());
        assertThat(events).extracting(row -> row.getString("type")).containsOnly("subtitle.download.requested");
    }

    @Test
    void eachJobIsAnOrdinaryJobThatNamesItsBatch() {
        Batches.Submitted batch = Batches.submit("Ordinary jobs", 5, 6);

        given().when().get("/jobs/" + batch.jobs().get(1))
                .then().statusCode(200)
                .body("batchId", is(batch.id().toString()))
                .body("video.title", is("Ordinary jobs"))
                .body("video.season", is(1))
                .body("video.episode", is(6))
                .body("video.imdbId", is("tt0903747"))
                .body("phase", is("DOWNLOAD_QUEUED"));
        given().queryParam("text", "Ordinary jobs").when().get("/jobs")
                .then().statusCode(200).body("jobs.id", hasItem(batch.jobs().get(0).toString()));
    }

    @Test
    void listedVideosFollowTheEpisodes() {
        Response response = Batches.post(given(), """
                {"series": {"title": "Mixed"}, "season": 2, "episodes": {"from": 1, "to": 2},
                 "videos": [{"title": "Mixed: the special", "year": 2010}, {"title": "Mixed: the film"}],
                 "language": "pt_br", "format": "vtt", "preferredProviders": ["Library"]}""");

        response.then().statusCode(202)
                .body("size", is(4))
                .body("language", is("pt-BR"))
                .body("format", is("vtt"))
                .body("jobs.title", contains("Mixed", "Mixed", "Mixed: the special", "Mixed: the film"))
                .body("jobs.episode", contains(1, 2, null, null));
        given().when().get("/jobs/" + response.path("jobs[2].id"))
                .then().statusCode(200)
                .body("video.year", is(2010))
                .body("format", is("vtt"))
                .body("preferredProviders", contains("library"));
    }

    @Test
    void everyInvalidFieldIsNamedByTheBatchFieldItComesFromOnce() {
        given().contentType(ContentType.JSON).body("""
                {"series": {"title": " ", "year": 1200, "imdbId": "0903747"}, "season": -1,
                 "episodes": {"from": -2, "to": 1},
                 "videos": [{"title": "Fine"}, {"title": "Bad url", "url": "not a url"}, null],
                 "language": "xx-YY", "preferredProviders": ["ok", ""], "format": "ass"}""")
                .when().post("/batches")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:invalid-request"))
                .body("errors.field", containsInAnyOrder("videos[2]"));
        given().contentType(ContentType.JSON).body("""
                {"series": {"title": " ", "year": 1200, "imdbId": "0903747"}, "season": -1,
                 "episodes": {"from": -2, "to": 1},
                 "videos": [{"title": "Fine"}, {"title": "Bad url", "url": "not a url"}],
                 "language": "xx-YY", "preferredProviders": ["ok", ""], "format": "ass"}""")
                .when().post("/batches")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("episodes", "format", "language", "preferredProviders[1]",
                        "season", "series.imdbId", "series.title", "series.year", "videos[1].url"));
    }

    @Test
    void aBatchMustNameVideosAndWholeEpisodeRanges() {
        given().contentType(ContentType.JSON).body("{\"language\": \"es\"}").when().post("/batches")
                .then().statusCode(400).body("errors.field", contains("body"));
        given().contentType(ContentType.JSON).body("""
                {"series": {"title": "No season"}, "language": "es"}""").when().post("/batches")
                .then().statusCode(400).body("errors.field", contains("episodes", "season"));
        given().contentType(ContentType.JSON).body("""
                {"season": 1, "episodes": {"from": 1, "to": 2}, "language": "es"}""").when().post("/batches")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("body", "series"));
        given().contentType(ContentType.JSON).body("""
                {"series": {"title": "Backwards"}, "season": 1, "episodes": {"from": 5, "to": 2}, "language": "es"}""")
                .when().post("/batches")
                .then().statusCode(400).body("errors.field", contains("episodes.to"));
    }

    @Test
    void aBatchOverTheMaximumIsRefusedAndNothingIsWritten() {
        given().contentType(ContentType.JSON).body(Batches.season("Too long a season", 1, 101))
                .when().post("/batches")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:batch-too-large"))
                .body("detail", is("the batch holds 101 jobs, at most 100 are allowed: split it"));

        assertThat(rows("select id from manager.job where video_title = $1", "Too long a season")).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyReplaysTheBatchAndRefusesAnotherRequest() {
        String key = "season-" + UUID.randomUUID();
        String title = "Replayed " + key;
        Response first = given().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Batches.season(title, 1, 2)).when().post("/batches");
        first.then().statusCode(202);

        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(Batches.season(title, 1, 2))
                .when().post("/batches")
                .then().statusCode(200)
                .body("id", is(first.path("id").toString()))
                .body("jobs.id", contains(((List<?>) first.path("jobs.id")).toArray()));
        given().header("Idempotency-Key", key).contentType(ContentType.JSON).body(Batches.season(title, 1, 3))
                .when().post("/batches")
                .then().statusCode(422)
                .body("type", is("urn:subtitles:problem:idempotency-key-reused"));
        assertThat(rows("select id from manager.job where video_title = $1", title)).hasSize(2);
    }

    @Test
    void batchesAreListedNewestFirstPageByPage() {
        UUID older = Batches.submit("Listed first", 1, 1).id();
        UUID newer = Batches.submit("Listed second", 1, 1).id();

        Response page = given().queryParam("limit", 1).when().get("/batches");
        page.then().statusCode(200).body("batches.id", contains(newer.toString()))
                .body("batches[0].size", is(1));
        given().queryParam("limit", 1).queryParam("cursor", page.path("nextCursor").toString())
                .when().get("/batches")
                .then().statusCode(200).body("batches.id", contains(older.toString()));
        given().queryParam("cursor", "nonsense").when().get("/batches")
                .then().statusCode(400).body("errors[0].field", is("cursor"));
    }

    @Test
    void unknownAndMalformedBatchesAreNotFound() {
        given().when().get("/batches/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:batch-not-found"));
        given().when().get("/batches/not-a-batch").then().statusCode(404);
    }

    private List<Row> rows(String sql, Object parameter) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(TIMEOUT).forEach(rows::add);
        return rows;
    }
}
