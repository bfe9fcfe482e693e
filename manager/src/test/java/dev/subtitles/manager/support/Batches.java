package dev.subtitles.manager.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Submits batches the way a client would. */
public final class Batches {

    private Batches() {
    }

    /** A valid body for episodes {@code from} to {@code to} of season 1 of the series {@code title}, in Spanish. */
    public static String season(String title, int from, int to) {
        return """
                {"series": {"title": "%s", "year": 2008, "imdbId": "tt0903747"}, "season": 1,
                 "episodes": {"from": %d, "to": %d}, "language": "es", "format": "srt"}""".formatted(title, from, to);
    }

    /** Submits a valid season batch as {@code caller} and answers the response, whatever its status. */
    public static Response post(RequestSpecification caller, String body) {
        return caller.contentType(ContentType.JSON).body(body).when().post("/batches");
    }

    /** Submits a valid season batch (auth off) and returns its jobs' ids, in batch order. */
    public static Submitted submit(String title, int from, int to) {
        return submitted(post(given(), season(title, from, to)));
    }

    /** The batch and job ids of an accepted batch. */
    public static Submitted submitted(Response response) {
        response.then().statusCode(202);
        List<String> jobs = response.path("jobs.id");
        return new Submitted(UUID.fromString(response.path("id")), jobs.stream().map(UUID::fromString).toList());
    }

    /** An accepted batch: its id and its jobs' ids in batch order. */
    public record Submitted(UUID id, List<UUID> jobs) {
    }
}
