package dev.subtitles.eventconsumer.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.subtitles.auth.Roles;
import dev.subtitles.auth.testing.JwtOn;
import dev.subtitles.auth.testing.Management;
import dev.subtitles.auth.testing.TestTokens;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The rebuild is for admins: 401 without a valid token, 403 for other roles; health needs no token. */
@QuarkusTest
@TestProfile(JwtOn.class)
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RebuildAuthorizationTest {

    @Test
    void rebuildWithoutTokenIsUnauthorized() {
        given().post("/admin/rebuild").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", is("Bearer")).body("type", is("urn:subtitles:problem:unauthorized"));
    }

    @Test
    void rebuildWithForgedTokenIsUnauthorized() {
        given().header("Authorization", TestTokens.of("acme", Roles.ADMIN).signedWithAnotherKey().bearer())
                .post("/admin/rebuild").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void submitterCannotRebuild() {
        given().header("Authorization", TestTokens.bearer("acme", Roles.SUBMITTER))
                .post("/admin/rebuild/{jobId}", UUID.randomUUID()).then().statusCode(403)
                .contentType("application/problem+json").body("type", is("urn:subtitles:problem:forbidden"));
    }

    @Test
    void adminRebuilds() {
        given().header("Authorization", TestTokens.bearer("acme", Roles.ADMIN))
                .post("/admin/rebuild/{jobId}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void healthNeedsNoToken() {
        TestTopology.awaitConsumerReady();
        Management.given().get("/q/health/live").then().statusCode(200);
    }
}
