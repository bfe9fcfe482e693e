package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
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
    void readinessChecksPostgresRedisAndRabbitMq() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("RabbitMQ outbox relay", "Redis connection health check"))
                .body("checks.find { it.name.contains('Reactive PostgreSQL') }.status", is("UP"));
    }

    @Test
    void openApiDocumentDescribesTheJobApi() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/jobs'.post.summary", is("Submit a job"));
    }

    @Test
    void metricsExposeSubmissionsAndOutboxLag() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("manager_outbox_unsent"))
                .body(containsString("manager_jobs_submitted_total"));
    }
}
