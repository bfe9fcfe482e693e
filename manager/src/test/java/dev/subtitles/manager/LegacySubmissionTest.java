package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class LegacySubmissionTest {

    @Test
    void originalDownloadRouteSubmitsTheSameJob() {
        Response response = given().contentType(ContentType.JSON).body("""
                {"video_url": "https://example.org/matrix.mkv", "video_title": "The Matrix",
                 "language": "es", "preferred_sources": ["podnapisi"]}""")
                .when().post("/subtitles/download");

        response.then().statusCode(202)
                .header("Location", endsWith("/jobs/" + response.path("id")))
                .body("phase", is("DOWNLOAD_QUEUED"))
                .body("video.title", is("The Matrix"))
                .body("video.url", is("https://example.org/matrix.mkv"))
                .body("language", is("es"))
                .body("preferredProviders", containsInAnyOrder("podnapisi"));
        given().when().get("/jobs/" + response.path("id")).then().statusCode(200)
                .body("video.title", is("The Matrix"));
    }

    @Test
    void invalidFieldsAreNamedAsTheOriginalApiSpellsThem() {
        given().contentType(ContentType.JSON).body("""
                {"video_url": "not a url", "language": "klingon"}""")
                .when().post("/subtitles/download")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("language", "video_title", "video_url"));
    }
}
