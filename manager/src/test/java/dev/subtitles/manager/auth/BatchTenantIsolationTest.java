package dev.subtitles.manager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.subtitles.manager.support.Batches;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Batches with authentication on: each tenant sees only its own, another tenant's batch answers exactly as an unknown
 * one on every route, and a batch counts all its jobs against the tenant's cap on jobs in flight
 * ({@link AuthProfile#JOBS_IN_FLIGHT} here).
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class BatchTenantIsolationTest {

    private final Callers a = Callers.ofNewTenant();
    private final Callers b = Callers.ofNewTenant();

    @Test
    void anotherTenantsBatchAnswersAsAnUnknownBatchOnEveryRoute() {
        UUID ofB = Batches.submitted(Batches.post(b.submitter(), Batches.season("Only B's", 1, 2))).id();
        for (String route : List.of("/batches/%s", "/batches/%s/events/stream", "/batches/%s/subtitles.zip")) {
            Response unknown = a.viewer().get(route.formatted(UUID.randomUUID()));
            Response others = a.viewer().get(route.formatted(ofB));

            assertThat(others.statusCode()).as(route).isEqualTo(404);
            assertThat(others.contentType()).as(route).isEqualTo(unknown.contentType());
            assertThat(others.jsonPath().getMap("$")).as(route)
                    .containsEntry("type", "urn:subtitles:problem:batch-not-found")
                    .containsEntry("title", unknown.jsonPath().getString("title"))
                    .containsEntry("detail", "no batch with id '" + ofB + "'")
                    .containsOnlyKeys(unknown.jsonPath().getMap("$").keySet());
        }
        b.viewer().get("/batches/{id}", ofB).then().statusCode(200).body("size", is(2));
    }

    @Test
    void aBatchsJobsBelongToItsTenant() {
        Batches.Submitted ofA = Batches.submitted(Batches.post(a.submitter(), Batches.season("A's season", 1, 2)));

        a.viewer().get("/jobs/{id}", ofA.jobs().get(0)).then().statusCode(200)
                .body("batchId", is(ofA.id().toString()));
        b.viewer().get("/jobs/{id}", ofA.jobs().get(0)).then().statusCode(404);
        a.viewer().get("/jobs").then().statusCode(200).body("jobs.size()", is(2));
        b.viewer().get("/jobs").then().statusCode(200).body("jobs.size()", is(0));
    }

    @Test
    void eachTenantListsOnlyItsOwnBatches() {
        UUID ofA = Batches.submitted(Batches.post(a.submitter(), Batches.season("Listed for A", 1, 1))).id();
        UUID ofB = Batches.submitted(Batches.post(b.submitter(), Batches.season("Listed for B", 1, 1))).id();

        a.viewer().get("/batches").then().statusCode(200).body("batches.id", contains(ofA.toString()));
        b.viewer().get("/batches").then().statusCode(200).body("batches.id", contains(ofB.toString()));
    }

    @Test
    void submittingABatchNeedsTheSubmitterRole() {
        Batches.post(a.viewer(), Batches.season("Viewer's season", 1, 1)).then().statusCode(403);
        Batches.post(a.as("admin"), Batches.season("Admin's season", 1, 1)).then().statusCode(403);
    }

    @Test
    void aBatchThatWouldPassTheCapOnJobsInFlightIsRefusedWhole() {
        Batches.submitted(Batches.post(a.submitter(), Batches.season("First two", 1, 2)));

        Response refused = Batches.post(a.submitter(), Batches.season("Two more", 3, 4));

        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", is("5"))
                .body("type", is("urn:subtitles:problem:too-many-requests"));
        a.viewer().get("/batches").then().body("batches.size()", is(1));
        a.viewer().get("/jobs").then().body("jobs.size()", is(2));
        Batches.submitted(Batches.post(a.submitter(), Batches.season("One more fits", 3, 3)));
    }

    @Test
    void aBatchLargerThanTheCapCouldNeverBeAdmitted() {
        Batches.post(a.submitter(), Batches.season("Larger than the cap", 1, AuthProfile.JOBS_IN_FLIGHT + 1))
                .then().statusCode(422)
                .body("type", is("urn:subtitles:problem:batch-too-large"))
                .body("detail", is("the batch holds 4 jobs, at most 3 are allowed: split it"));
    }
}
