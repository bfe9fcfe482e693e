package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.ServerLink;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** While PostgreSQL or Redis is unreachable, requests that need it get 503 with Retry-After, and work again after. */
@QuarkusTest
class DependencyOutageTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void submissionWhilePostgresqlIsUnreachableIsUnavailable() {
        ServerLink.POSTGRESQL.cut();
        try {
            given().contentType(ContentType.JSON).body(Jobs.body("In the dark"))
                    .when().post("/jobs")
                    .then().statusCode(503)
                    .contentType(PROBLEM)
                    .header("Retry-After", notNullValue())
                    .body("status", is(503));
        } finally {
            ServerLink.POSTGRESQL.restore();
        }
        awaitSubmissionsAgain();
    }

    @Test
    void readWhilePostgresqlIsUnreachableIsUnavailable() {
        UUID job = Jobs.submit("Read in the dark");
        ServerLink.POSTGRESQL.cut();
        try {
            given().when().get("/jobs/" + job)
                    .then().statusCode(503)
                    .contentType(PROBLEM)
                    .header("Retry-After", notNullValue());
            given().when().get("/jobs")
                    .then().statusCode(503)
                    .contentType(PROBLEM);
        } finally {
            ServerLink.POSTGRESQL.restore();
        }
        awaitSubmissionsAgain();
    }

    @Test
    void readWhileRedisIsUnreachableIsUnavailable() {
        UUID job = Jobs.submit("No projection");
        ServerLink.REDIS.cut();
        try {
            given().when().get("/jobs/" + job)
                    .then().statusCode(503)
                    .contentType(PROBLEM)
                    .header("Retry-After", notNullValue());
            given().when().get("/jobs/" + job + "/events")
                    .then().statusCode(503)
                    .contentType(PROBLEM);
        } finally {
            ServerLink.REDIS.restore();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> given().when().get("/jobs/" + job).statusCode() == 200);
    }

    private static void awaitSubmissionsAgain() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> given().contentType(ContentType.JSON).body(Jobs.body("After the outage"))
                        .when().post("/jobs").statusCode() == 202);
    }
}
