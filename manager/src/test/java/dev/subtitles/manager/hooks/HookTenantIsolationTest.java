package dev.subtitles.manager.hooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.auth.Roles;
import dev.subtitles.auth.testing.TestTokens;
import dev.subtitles.manager.auth.AuthProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * With authentication on, each tenant reaches only its own hooks: another tenant's hook answers exactly as an unknown
 * one (404, the same body) on every route, never 403; registering needs the role {@code submitter}.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class HookTenantIsolationTest {

    private static final Map<String, Object> HOOK = HookApiTest.hook("https://hooks.example.org/a", "job.failed");

    private final String tenantA = "t-" + UUID.randomUUID().toString().substring(0, 8);
    private final String tenantB = "t-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void deleteHooks() {
        HookRows.deleteHooksOf(tenantA);
        HookRows.deleteHooksOf(tenantB);
    }

    @Test
    void eachTenantListsOnlyItsOwnHooks() {
        String ofA = registerAs(tenantA);
        String ofB = registerAs(tenantB);

        as(tenantA, Roles.VIEWER).get("/hooks").then().statusCode(200).body("hooks.id", contains(ofA));
        as(tenantB, Roles.VIEWER).get("/hooks").then().statusCode(200).body("hooks.id", contains(ofB));
    }

    @Test
    void anotherTenantsHookAnswersAsAnUnknownOneOnEveryRoute() {
        String ofA = registerAs(tenantA);
        String unknown = UUID.randomUUID().toString();

        for (String route : new String[] { "GET /hooks/%s", "GET /hooks/%s/deliveries", "POST /hooks/%s/enable",
                "DELETE /hooks/%s" }) {
            Response others = call(as(tenantB, Roles.SUBMITTER), route, ofA);
            Response missing = call(as(tenantB, Roles.SUBMITTER), route, unknown);
            assertThat(others.statusCode()).as(route).isEqualTo(404);
            assertThat(others.jsonPath().getString("type")).as(route).isEqualTo(missing.jsonPath().getString("type"));
            assertThat(others.jsonPath().getString("title")).as(route).isEqualTo(missing.jsonPath().getString("title"));
        }
        as(tenantA, Roles.VIEWER).get("/hooks/" + ofA).then().statusCode(200).body("enabled", is(true));
    }

    @Test
    void registeringNeedsTheSubmitterRoleAndReadingAnyRole() {
        as(tenantA, Roles.VIEWER).contentType(ContentType.JSON).body(HOOK).post("/hooks").then().statusCode(403);
        given().contentType(ContentType.JSON).body(HOOK).post("/hooks").then().statusCode(401);
        String id = registerAs(tenantA);

        as(tenantA, Roles.VIEWER).delete("/hooks/" + id).then().statusCode(403);
        as(tenantA, Roles.ADMIN).get("/hooks/" + id + "/deliveries").then().statusCode(200);
    }

    @Test
    void aTenantHasAtMostTheConfiguredNumberOfHooks() {
        for (int i = 0; i < 20; i++) {
            registerAs(tenantA);
        }

        as(tenantA, Roles.SUBMITTER).contentType(ContentType.JSON).body(HOOK).post("/hooks").then().statusCode(409)
                .body("type", is("urn:subtitles:problem:hook-limit"));
        registerAs(tenantB);
    }

    private String registerAs(String tenant) {
        return as(tenant, Roles.SUBMITTER).contentType(ContentType.JSON).body(HOOK).post("/hooks")
                .then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification as(String tenant, String role) {
        return given().header("Authorization", TestTokens.bearer(tenant, role));
    }

    private static Response call(RequestSpecification request, String route, String id) {
        String[] methodAndPath = String.format(route, id).split(" ");
        return request.request(methodAndPath[0], methodAndPath[1]);
    }
}
