package dev.subtitles.translator.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A translator whose {@code apertium} command is not installed is not ready, and says why. */
@QuarkusTest
@TestProfile(MissingEngineReadinessTest.WithoutApertium.class)
class MissingEngineReadinessTest {

    public static class WithoutApertium implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("translator.apertium.command", "/nonexistent/apertium");
        }
    }

    @Test
    void notReadyWhileTheEngineCannotRun() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'translation engine' }.status", is("DOWN"))
                .body("checks.find { it.name == 'translation engine' }.data.problem",
                        containsString("cannot run apertium (/nonexistent/apertium -l)"));
    }
}
