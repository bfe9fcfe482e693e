package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.subtitles.manager.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class JobSubmissionTest {

    @Test
    void acceptedJobIsQueuedForDownloadWithLocation() {
        Response response = given().contentType(ContentType.JSON).body(Jobs.body("The Matrix"))
                .when().post("/jobs");

        response.then().statusCode(202)
                .contentType(ContentType.JSON)
                .header("Location", endsWith("/jobs/" + response.path("id")))
                .body("phase", is("DOWNLOAD_QUEUED"))
                .body("video.title", is("The Matrix"))
                .body("video.imdbId", is("tt0133093"))
                .body("language", is("pt-BR"))
                .body("preferredProviders", containsInAnyOrder("opensubtitles"))
                .body("format", is("srt"))
                .body("links.events", is("/jobs/" + response.path("id") + "/events"));
        assertThat(UUID.fromString(response.path("id"))).isNotNull();
    }

    @Test
    void formatDefaultsToSrtAndBibliographicLanguageCodeIsNormalised() {
        given().contentType(ContentType.JSON).body("""
                {"video": {"title": "Amélie"}, "language": "FRE"}""")
                .when().post("/jobs")
                .then().statusCode(202)
                .body("language", is("fr"))
                .body("format", is("srt"))
                .body("preferredProviders.size()", is(0));
    }

    @Test
    void everyInvalidFieldIsListedInOneProblem() {
        given().contentType(ContentType.JSON).body("""
                {"video": {"title": " ", "year": 1200, "imdbId": "0133093", "season": -1},
                 "language": "xx-YY", "preferredProviders": ["ok", ""], "format": "ass"}""")
                .when().post("/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:invalid-request"))
                .body("title", is("Invalid request"))
                .body("status", is(400))
                .body("instance", is("/jobs"))
                .body("errors.field", containsInAnyOrder("format", "language", "preferredProviders[1]",
                        "video.imdbId", "video.season", "video.title", "video.year"));
    }

    @Test
    void missingVideoAndLanguageAreReported() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/jobs")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("language", "video"));
    }

    @Test
    void missingBodyIsABadRequest() {
        given().contentType(ContentType.JSON)
                .when().post("/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("body"));
    }

    @Test
    void malformedJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"video\": ")
                .when().post("/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("the body is not valid JSON"));
    }

    @Test
    void valueOfTheWrongTypeNamesTheField() {
        given().contentType(ContentType.JSON).body("""
                {"video": {"title": "Heat", "year": "nineteen"}, "language": "en"}""")
                .when().post("/jobs")
                .then().statusCode(400)
                .body("errors[0].field", is("video.year"));
    }

    @Test
    void bodyOver64KibIsTooLarge() {
        String title = "x".repeat(70 * 1024);
        given().contentType(ContentType.JSON).body(Jobs.body(title))
                .when().post("/jobs")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", is(413));
    }

    @Test
    void bodyThatIsNotJsonIsAnUnsupportedMediaType() {
        given().contentType(ContentType.TEXT).body("title=The Matrix")
                .when().post("/jobs")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", is(415));
    }

    @Test
    void sameIdempotencyKeyAndBodyReturnsTheOriginalJob() {
        String key = UUID.randomUUID().toString();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Jobs.body("Heat")).when().post("/jobs")
                .then().statusCode(202).extract().path("id");

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Jobs.body("Heat").replace("pt-br", "pt_BR"))
                .when().post("/jobs")
                .then().statusCode(200)
                .header("Location", endsWith("/jobs/" + first))
                .body("id", equalTo(first));
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Jobs.body("Heat")).when().post("/jobs").then().statusCode(202);

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Jobs.body("Ronin"))
                .when().post("/jobs")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:idempotency-key-reused"));
    }

    @Test
    void concurrentFirstUsesOfOneKeyCreateOneJob() {
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<Response>> submissions = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                        .header("Idempotency-Key", key).body(Jobs.body("Collateral")).when().post("/jobs")))
                .toList();
        List<Response> responses = submissions.stream().map(CompletableFuture::join).toList();

        assertThat(responses).extracting(Response::statusCode).containsOnly(202, 200).containsOnlyOnce(202);
        assertThat(responses).extracting(response -> response.<String> path("id")).containsOnly(
                responses.get(0).<String> path("id"));
    }
}
