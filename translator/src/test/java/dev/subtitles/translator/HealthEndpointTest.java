package dev.subtitles.translator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthEndpointTest {

    @Test
    void healthReportsUp() {
        given().when().get("/q/health").then().statusCode(200).body("status", is("UP"));
    }
}
