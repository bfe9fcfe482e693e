package dev.subtitles.manager.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;

/** Submits jobs the way a client would. */
public final class Jobs {

    private Jobs() {
    }

    /** A valid submission body for a movie of that title. */
    public static String body(String title) {
        return """
                {"video": {"title": "%s", "year": 1999, "imdbId": "tt0133093"}, "language": "pt-br",
                 "preferredProviders": ["OpenSubtitles"], "format": "srt"}""".formatted(title);
    }

    /** Submits a valid job and returns its id. */
    public static UUID submit(String title) {
        String id = given().contentType(ContentType.JSON).body(body(title))
                .when().post("/jobs")
                .then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }
}
