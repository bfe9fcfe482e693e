package dev.subtitles.manager.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

/** A request over a limit gets 429, a problem document, and Retry-After in whole seconds, rounded up, at least 1. */
@QuarkusTest
class TooManyRequestsProblemTest {

    @ParameterizedTest
    @CsvSource({ "0, 1", "1, 1", "1000, 1", "1001, 2", "2500, 3", "60000, 60" })
    void overALimitIsTooManyRequestsWithRetryAfterRoundedUp(long retryAfterMillis, String header) {
        given().queryParam("retryAfterMillis", retryAfterMillis)
                .when().get("/test-only/too-many-requests")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", header)
                .body("type", is("urn:subtitles:problem:too-many-requests"))
                .body("title", is("Too many requests"))
                .body("status", is(429))
                .body("detail", is("this test refuses every request; retry after " + header + " s"))
                .body("instance", is("/test-only/too-many-requests"));
    }
}
