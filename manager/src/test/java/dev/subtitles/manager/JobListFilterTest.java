package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class JobListFilterTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void textKeepsJobsWhoseTitleContainsItIgnoringCase() {
        UUID matching = submit("The Long Night " + run, "es", null);
        submit("Another Film " + run, "es", null);

        assertThat(listed("text", "long NIGHT " + run)).containsExactly(matching.toString());
    }

    @Test
    void textAlsoFindsAJobByItsImdbId() {
        String imdbId = "tt" + (10_000_000 + Math.abs(run.hashCode() % 89_999_999));
        UUID matching = submit("By Id " + run, "es", imdbId);

        assertThat(listed("text", imdbId)).containsExactly(matching.toString());
    }

    @Test
    void textWildcardsAreMatchedLiterally() {
        UUID literal = submit("100% " + run, "es", null);
        submit("1000 " + run, "es", null);

        assertThat(listed("text", "100% " + run)).containsExactly(literal.toString());
    }

    @Test
    void languageKeepsJobsAskingForItInWhateverCaseItIsWritten() {
        UUID brazilian = submit("Languages " + run, "pt-BR", null);
        UUID spanish = submit("Languages " + run, "es", null);

        List<String> listed = given().queryParam("language", "PT-br").queryParam("text", "Languages " + run)
                .when().get("/jobs").then().statusCode(200).extract().jsonPath().getList("jobs.id", String.class);

        assertThat(listed).containsExactly(brazilian.toString()).doesNotContain(spanish.toString());
    }

    @Test
    void filtersCombineWithTheCursor() {
        UUID oldest = submit("Paged " + run, "es", null);
        UUID newest = submit("Paged " + run, "es", null);

        String cursor = given().queryParam("text", "Paged " + run).queryParam("limit", 1).when().get("/jobs")
                .then().statusCode(200).body("jobs[0].id", is(newest.toString())).extract().path("nextCursor");
        given().queryParam("text", "Paged " + run).queryParam("limit", 1).queryParam("cursor", cursor)
                .when().get("/jobs")
                .then().statusCode(200).body("jobs[0].id", is(oldest.toString()));
    }

    @Test
    void malformedLanguageIsABadRequestNamingIt() {
        given().queryParam("language", "not a language").when().get("/jobs")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("language"));
    }

    @Test
    void overlongTextIsABadRequestNamingIt() {
        given().queryParam("text", "x".repeat(201)).when().get("/jobs")
                .then().statusCode(400)
                .body("errors[0].field", is("text"));
    }

    private static List<String> listed(String parameter, String value) {
        return given().queryParam(parameter, value).queryParam("limit", 100).when().get("/jobs")
                .then().statusCode(200).extract().jsonPath().getList("jobs.id", String.class);
    }

    private static UUID submit(String title, String language, String imdbId) {
        String video = imdbId == null ? "{\"title\": \"%s\"}".formatted(title)
                : "{\"title\": \"%s\", \"imdbId\": \"%s\"}".formatted(title, imdbId);
        String id = given().contentType(ContentType.JSON)
                .body("{\"video\": %s, \"language\": \"%s\"}".formatted(video, language))
                .when().post("/jobs")
                .then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }
}
