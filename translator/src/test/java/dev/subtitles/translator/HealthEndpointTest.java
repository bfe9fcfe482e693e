package dev.subtitles.translator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthEndpointTest {

    @Test
    void healthReportsUp() {
        given().when().get("/q/health").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void readinessIncludesTheEngineThatCanTranslate() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'translation engine' }.status", is("UP"))
                .body("checks.find { it.name == 'translation engine' }.data.engine", is("apertium"))
                .body("checks.name", hasItem("translation engine"));
    }
}
