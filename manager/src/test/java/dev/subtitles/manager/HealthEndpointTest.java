package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import dev.subtitles.auth.testing.Management;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health, metrics and the OpenAPI document answer on the management interface, without a token; the API's port does
 * not serve them.
 */
@QuarkusTest
class HealthEndpointTest {

    @Test
    void healthReportsUp() {
        Management.given().when().get("/q/health").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void readinessChecksPostgresRedisAndRabbitMq() {
        Management.given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("RabbitMQ outbox relay", "Redis connection health check"))
                .body("checks.find { it.name.contains('Reactive PostgreSQL') }.status", is("UP"));
    }

    @Test
    void healthIsNotOnTheApiPort() {
        given().when().get("/q/health").then().statusCode(404);
    }

    @Test
    void openApiDocumentDescribesTheJobApi() {
        Management.given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/jobs'.post.summary", is("Submit a job"));
    }

    @Test
    void swaggerUiIsServedWithTheOpenApiDocument() {
        Management.given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void metricsExposeSubmissionsAndOutboxLag() {
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("manager_outbox_unsent"))
                .body(containsString("manager_jobs_submitted_total"));
    }
}
