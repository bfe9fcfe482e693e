package dev.subtitles.manager.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.subtitles.auth.testing.JwtOn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The console with authentication on: every page is served without a token (it shows nothing until its calls are
 * answered) and has the labelled token field, which keeps the token in the cookie the API reads.
 */
@QuarkusTest
@TestProfile(ConsoleAuthPagesTest.AuthenticationOn.class)
class ConsoleAuthPagesTest {

    /** Authentication on, with a tenant claim other than the default, which the pages pass to their script. */
    public static class AuthenticationOn extends JwtOn {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("subtitles.auth.tenant-claim", "org");
            return config;
        }
    }

    private static final List<String> PAGES = List.of("/console", "/console/jobs/" + UUID.randomUUID(),
            "/admin/operations");

    @Test
    void everyPageIsServedWithoutATokenAndHasTheTokenField() {
        for (String path : PAGES) {
            String page = ConsolePagesTest.html(path);

            assertThat(page).as(path).contains("data-auth-mode=\"jwt\"", "data-tenant-claim=\"org\"",
                    "<form id=\"auth-form\"", "<label for=\"auth-token\">Access token</label>",
                    "id=\"auth-sign-out\"", "/console/auth.js")
                    .containsPattern("<input id=\"auth-token\"[^>]*type=\"password\"");
            ConsolePagesTest.assertEveryControlIsLabelled(page);
        }
    }

    @Test
    void tokenGoesIntoTheCookieTheApiReads() {
        String script = given().when().get("/console/auth.js")
                .then().statusCode(200).contentType(containsString("javascript"))
                .extract().asString();

        assertThat(script).contains("const COOKIE = 'subtitles_token'", "SameSite=Strict", "Secure", "Max-Age=0");
    }
}
