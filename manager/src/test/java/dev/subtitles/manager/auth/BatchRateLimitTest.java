package dev.subtitles.manager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.subtitles.auth.testing.JwtOn;
import dev.subtitles.manager.support.Batches;
import dev.subtitles.manager.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A batch of N jobs takes N tokens of its tenant's submission rate at once, or none: here a bucket of
 * {@link BatchRateLimitTest.SmallBucket#BURST} tokens that refills one token every 5 s.
 */
@QuarkusTest
@TestProfile(BatchRateLimitTest.SmallBucket.class)
class BatchRateLimitTest {

    private final Callers tenant = Callers.ofNewTenant();

    @Test
    void aBatchTakesATokenPerJobAndIsRefusedWholeWithoutEnough() {
        Batches.submitted(Batches.post(tenant.submitter(), Batches.season("Three tokens", 1, 3)));

        Response refused = Batches.post(tenant.submitter(), Batches.season("Three more", 4, 6));

        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", is("urn:subtitles:problem:too-many-requests"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 5);
        tenant.viewer().get("/jobs").then().body("jobs.size()", is(3));
        tenant.viewer().get("/batches").then().body("batches.size()", is(1));
        for (int job = 1; job <= SmallBucket.BURST - 3; job++) {
            tenant.submit("One of the tokens left " + job);
        }
        tenant.submitter().contentType(ContentType.JSON).body(Jobs.body("No token left")).post("/jobs")
                .then().statusCode(429);
    }

    @Test
    void aBatchLargerThanTheBurstCouldNeverBeAdmitted() {
        Batches.post(tenant.submitter(), Batches.season("Larger than the burst", 1, SmallBucket.BURST + 1))
                .then().statusCode(422)
                .body("detail", is("the batch holds 6 jobs, at most 5 are allowed: split it"));
    }

    /** Authentication on, and a small, slowly refilled token bucket per tenant. */
    public static class SmallBucket extends JwtOn {

        static final int BURST = 5;

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("manager.limits.submission-burst", Integer.toString(BURST));
            config.put("manager.limits.submissions-per-second", "0.2");
            return config;
        }
    }
}
