package dev.subtitles.manager.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.subtitles.auth.Roles;
import dev.subtitles.auth.testing.Management;
import dev.subtitles.auth.testing.TestTokens;
import dev.subtitles.manager.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Who may call what: a valid token for the route's roles, 401 without one, 403 without the role. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class AuthenticationTest {

    private static final String TENANT = "acme";

    @Test
    void requestWithoutTokenIsUnauthorizedWithABearerChallenge() {
        unauthorized(given().get("/jobs").then()).header("WWW-Authenticate", is("Bearer"));
    }

    @Test
    void expiredTokenIsUnauthorized() {
        String token = TestTokens.of(TENANT, Roles.VIEWER).expiredAt(Instant.now().minusSeconds(120)).bearer();
        unauthorized(given().header("Authorization", token).get("/jobs").then());
    }

    @Test
    void tokenOfAnotherIssuerIsUnauthorized() {
        String token = TestTokens.of(TENANT, Roles.VIEWER).withIssuer("someone-else").bearer();
        unauthorized(given().header("Authorization", token).get("/jobs").then());
    }

    @Test
    void tokenForAnotherAudienceIsUnauthorized() {
        String token = TestTokens.of(TENANT, Roles.VIEWER).withAudience("another-service").bearer();
        unauthorized(given().header("Authorization", token).get("/jobs").then());
    }

    @Test
    void tokenSignedWithAnotherKeyIsUnauthorized() {
        String token = TestTokens.of(TENANT, Roles.VIEWER).signedWithAnotherKey().bearer();
        unauthorized(given().header("Authorization", token).get("/jobs").then());
    }

    @Test
    void validTokenReads() {
        given().header("Authorization", TestTokens.bearer(TENANT, Roles.VIEWER)).get("/jobs").then().statusCode(200);
    }

    @Test
    void tokenInTheCookieIsAcceptedAsInTheHeader() {
        given().cookie("subtitles_token", TestTokens.of(TENANT, Roles.VIEWER).token()).get("/jobs/phase-counts")
                .then().statusCode(200);
    }

    @Test
    void viewerCannotSubmit() {
        forbidden(given().header("Authorization", TestTokens.bearer(TENANT, Roles.VIEWER))
                .contentType(ContentType.JSON).body(Jobs.body("Not mine to submit")).post("/jobs").then());
    }

    @Test
    void viewerCannotCancel() {
        forbidden(given().header("Authorization", TestTokens.bearer(TENANT, Roles.VIEWER))
                .delete("/jobs/{id}", UUID.randomUUID()).then());
    }

    @Test
    void submitterCannotReadTheOperatorsStatus() {
        forbidden(given().header("Authorization", TestTokens.bearer(TENANT, Roles.SUBMITTER)).get("/admin/status")
                .then());
    }

    @Test
    void submitterCannotUseTheDeadLetterTools() {
        forbidden(given().header("Authorization", TestTokens.bearer(TENANT, Roles.SUBMITTER))
                .get("/admin/dead-letters/downloader.requests").then());
    }

    @Test
    void adminReadsTheOperatorsStatus() {
        given().header("Authorization", TestTokens.bearer(TENANT, Roles.ADMIN)).get("/admin/status").then()
                .statusCode(200);
    }

    @Test
    void tokenWithoutTenantIsForbidden() {
        forbidden(given().header("Authorization", TestTokens.of(null, Roles.VIEWER).bearer()).get("/jobs").then());
    }

    @Test
    void tokenWithMalformedTenantIsForbidden() {
        String token = TestTokens.of(TENANT, Roles.VIEWER).withTenant("no spaces allowed").bearer();
        forbidden(given().header("Authorization", token).get("/jobs").then());
    }

    @Test
    void consolePageLoadsWithoutToken() {
        given().get("/console").then().statusCode(200).contentType(ContentType.HTML);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        Management.given().get("/q/health/live").then().statusCode(200);
        Management.given().get("/q/metrics").then().statusCode(200);
    }

    private static ValidatableResponse unauthorized(ValidatableResponse response) {
        return response.statusCode(401).contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:unauthorized")).body("status", is(401));
    }

    private static ValidatableResponse forbidden(ValidatableResponse response) {
        return response.statusCode(403).contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:forbidden")).body("status", is(403));
    }
}
