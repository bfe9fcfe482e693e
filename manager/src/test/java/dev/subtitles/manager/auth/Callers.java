package dev.subtitles.manager.auth;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import dev.subtitles.auth.Roles;
import dev.subtitles.auth.testing.TestTokens;
import dev.subtitles.manager.support.Jobs;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Callers of a tenant of their own (a new one per test, so that tests see only their jobs), by role. */
record Callers(String tenant) {

    static Callers ofNewTenant() {
        return new Callers("t-" + UUID.randomUUID().toString().substring(0, 8));
    }

    RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(tenant, role));
    }

    RequestSpecification submitter() {
        return as(Roles.SUBMITTER);
    }

    RequestSpecification viewer() {
        return as(Roles.VIEWER);
    }

    /** Submits a valid job as a submitter of the tenant and returns its id. */
    UUID submit(String title) {
        String id = submitter().contentType(ContentType.JSON).body(Jobs.body(title))
                .when().post("/jobs")
                .then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }
}
