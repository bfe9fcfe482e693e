package dev.subtitles.manager.hooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.tenant.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The webhook API with authentication off (every caller is tenant {@code default}): registering, reading, deleting,
 * enabling, the deliveries the event-consumer logged, and the answers to what it refuses.
 */
@QuarkusTest
class HookApiTest {

    private static final String LOCAL_RECEIVER = "http://127.0.0.1:9/hook";

    @AfterEach
    void deleteHooks() {
        HookRows.deleteHooksOf(Tenants.DEFAULT);
    }

    @Test
    void registeringAnswersTheHookWithItsSecretOnce() {
        ValidatableResponse created = register(Map.of("url", "https://hooks.example.org/subtitles",
                "eventTypes", List.of("subtitle.ready", "job.failed"), "description", "our CMS"))
                .statusCode(201)
                .header("Location", matchesPattern(".*/hooks/[0-9a-f-]{36}"))
                .body("url", is("https://hooks.example.org/subtitles"))
                .body("eventTypes", contains("subtitle.ready", "job.failed"))
                .body("description", is("our CMS"))
                .body("enabled", is(true))
                .body("secret", matchesPattern("whsec_[A-Za-z0-9_-]{43}"));
        String id = created.extract().path("id");

        given().get("/hooks/" + id).then().statusCode(200)
                .body("id", is(id))
                .body("enabled", is(true))
                .body("createdAt", matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"))
                .body("$", hasKey("disabledReason"))
                .body("disabledReason", nullValue())
                .body("$", not(hasKey("secret")));
        given().get("/hooks").then().statusCode(200).body("hooks.id", contains(id));
    }

    @Test
    void eachHookGetsASecretOfItsOwn() {
        String first = register(hook(LOCAL_RECEIVER, "*")).statusCode(201).extract().path("secret");
        String second = register(hook(LOCAL_RECEIVER, "*")).statusCode(201).extract().path("secret");

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void plainHttpIsRefusedExceptToALoopbackHost() {
        register(hook("http://hooks.example.org/subtitles", "subtitle.ready")).statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:invalid-request"))
                .body("errors[0].field", is("url"))
                .body("errors[0].message", is("must be https (http only to a loopback host)"));
        register(hook("http://localhost:8089/hook", "subtitle.ready")).statusCode(201);
        register(hook("http://[::1]:8089/hook", "subtitle.ready")).statusCode(201);
    }

    @Test
    void urlsThatCannotBePostedToAreRefused() {
        for (String url : List.of("ftp://hooks.example.org/x", "/relative/hook", "https://user:pass@example.org/x",
                "https://example.org/x#part", "not a url")) {
            register(hook(url, "subtitle.ready")).statusCode(400).body("errors[0].field", is("url"));
        }
    }

    @Test
    void unknownEventTypeIsRefusedNamingTheEntry() {
        register(hook(LOCAL_RECEIVER, "subtitle.ready", "subtitle.readied")).statusCode(400)
                .body("errors[0].field", is("eventTypes[1]"))
                .body("detail", endsWith("is not an event type: use one of docs/events.md's types, or * for all"));
    }

    @Test
    void missingFieldsAreAllListed() {
        register(Map.of("description", "nothing else")).statusCode(400)
                .body("errors.field", containsInAnyOrder("url", "eventTypes"));
        register(Map.of("url", LOCAL_RECEIVER, "eventTypes", List.of())).statusCode(400)
                .body("errors.field", contains("eventTypes"));
    }

    @Test
    void deletedHookIsGone() {
        String id = register(hook(LOCAL_RECEIVER, "job.failed")).statusCode(201).extract().path("id");

        given().delete("/hooks/" + id).then().statusCode(204);

        given().get("/hooks/" + id).then().statusCode(404)
                .body("type", is("urn:subtitles:problem:hook-not-found"));
        given().delete("/hooks/" + id).then().statusCode(404);
    }

    @Test
    void unknownOrMalformedIdIsNotFound() {
        given().get("/hooks/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/hooks/not-an-id").then().statusCode(404).body("type", is("urn:subtitles:problem:hook-not-found"));
        given().get("/hooks/not-an-id/deliveries").then().statusCode(404);
    }

    @Test
    void deliveriesShowTheLatestAttemptsNewestFirst() {
        UUID id = UUID.fromString(register(hook(LOCAL_RECEIVER, "subtitle.ready")).statusCode(201).extract().path("id"));
        UUID event = UUID.randomUUID();
        HookRows.attempt(id, event, 1, 503, "HTTP 503", 12);
        HookRows.attempt(id, event, 2, null, "no answer within PT10S", 10004);
        HookRows.attempt(id, event, 3, 204, null, 31);

        given().get("/hooks/" + id + "/deliveries").then().statusCode(200)
                .body("deliveries.attempt", contains(3, 2, 1))
                .body("deliveries.outcome", contains("delivered", "failed", "failed"))
                .body("deliveries.statusCode", contains(204, null, 503))
                .body("deliveries.error", contains(null, "no answer within PT10S", "HTTP 503"))
                .body("deliveries.latencyMs", contains(31, 10004, 12))
                .body("deliveries.eventId", everyItem(is(event.toString())))
                .body("deliveries.eventType", hasItem("subtitle.ready"))
                .body("deliveries[0].attemptedAt", notNullValue());
        given().queryParam("limit", 1).get("/hooks/" + id + "/deliveries").then().statusCode(200)
                .body("deliveries.attempt", contains(3));
        given().queryParam("limit", 0).get("/hooks/" + id + "/deliveries").then().statusCode(400)
                .body("errors[0].field", is("limit"));
    }

    @Test
    void disabledHookShowsWhyAndCanBeEnabledAgain() {
        UUID id = UUID.fromString(register(hook(LOCAL_RECEIVER, "subtitle.ready")).statusCode(201).extract().path("id"));
        HookRows.disable(id, "no delivery succeeded since 2026-12-05T10:00:00Z, for longer than PT24H; last attempt:"
                + " HTTP 503");

        given().get("/hooks/" + id).then().statusCode(200)
                .body("enabled", is(false))
                .body("disabledAt", notNullValue())
                .body("failingSince", notNullValue())
                .body("disabledReason", endsWith("last attempt: HTTP 503"));

        given().contentType(ContentType.JSON).post("/hooks/" + id + "/enable").then().statusCode(200)
                .body("enabled", is(true))
                .body("disabledAt", nullValue())
                .body("disabledReason", nullValue())
                .body("failingSince", nullValue());
    }

    static Map<String, Object> hook(String url, String... eventTypes) {
        return Map.of("url", url, "eventTypes", List.of(eventTypes));
    }

    private static ValidatableResponse register(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/hooks").then();
    }
}
