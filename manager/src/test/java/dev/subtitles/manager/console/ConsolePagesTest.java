package dev.subtitles.manager.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConsolePagesTest {

    private static final Pattern CONTROL = Pattern.compile("<(input|select|textarea)\\b[^>]*>");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    @Test
    void rootRedirectsToTheConsole() {
        given().redirects().follow(false).when().get("/")
                .then().statusCode(303)
                .header("Location", endsWith("/console"));
    }

    @Test
    void jobsPageHasTheSubmitFormWithALabelledControlForEveryField() {
        String page = html("/console");

        assertThat(controlIds(page)).contains("video-title", "video-year", "video-imdb", "video-season",
                "video-episode", "job-language", "job-format", "job-providers", "job-hearing-impaired");
        assertThat(page).contains("data-field=\"video.title\"", "data-field=\"video.imdbId\"",
                "data-field=\"language\"", "data-field=\"preferredProviders\"");
        assertEveryControlIsLabelled(page);
    }

    @Test
    void jobsPageHasTheFiltersWithEveryPhaseAndThePager() {
        String page = html("/console");

        assertThat(controlIds(page)).contains("filter-phase", "filter-language", "filter-text");
        for (String phase : List.of("DOWNLOAD_QUEUED", "DOWNLOAD_IN_PROGRESS", "TRANSLATE_QUEUED",
                "TRANSLATE_IN_PROGRESS", "DONE", "FAILED", "CANCELLED")) {
            assertThat(page).contains("<option value=\"" + phase + "\">");
        }
        assertThat(page).contains("id=\"older-page\"", "id=\"newer-page\"", "id=\"phase-counts\"");
    }

    @Test
    void jobPageCarriesTheJobIdForItsScriptAndHasItsActions() {
        UUID job = UUID.randomUUID();
        String page = html("/console/jobs/" + job);

        assertThat(page).contains("data-job-id=\"" + job + "\"", "id=\"timeline\"", "id=\"cancel-job\"",
                "id=\"download-srt\"", "id=\"download-vtt\"", "id=\"preview-table\"", "/console/job.js");
        assertEveryControlIsLabelled(page);
    }

    @Test
    void jobPageEscapesWhatThePathSays() {
        String page = given().urlEncodingEnabled(false).accept("text/html")
                .when().get("/console/jobs/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
                .then().statusCode(200).extract().asString();

        assertThat(page).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
    }

    @Test
    void scriptsAndStylesheetAreServed() {
        for (String asset : List.of("auth.js", "api.js", "jobs.js", "job.js", "operations.js")) {
            given().when().get("/console/" + asset)
                    .then().statusCode(200).contentType(containsString("javascript"));
        }
        given().when().get("/console/console.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    static String html(String path) {
        return given().accept("text/html").when().get(path)
                .then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
    }

    private static List<String> controlIds(String page) {
        return CONTROL.matcher(page).results().map(control -> {
            Matcher id = ID.matcher(control.group());
            return id.find() ? id.group(1) : "(no id) " + control.group();
        }).toList();
    }

    static void assertEveryControlIsLabelled(String page) {
        assertThat(controlIds(page)).allSatisfy(id -> assertThat(page).contains("<label for=\"" + id + "\""));
    }
}
