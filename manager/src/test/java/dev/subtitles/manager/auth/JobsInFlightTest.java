package dev.subtitles.manager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.payload.JobCancelled;
import dev.subtitles.manager.limits.LimitRefusals;
import dev.subtitles.manager.limits.TooManyRequestsException;
import dev.subtitles.manager.service.JobsInFlight;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The per-tenant cap on jobs in flight ({@link AuthProfile#JOBS_IN_FLIGHT} here): only the tenant's unended jobs count. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class JobsInFlightTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    JobsInFlight inFlight;

    @Inject
    Projection projection;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void clearProjection() {
        projection.clear();
    }

    @Test
    void submissionOverTheCapIsRefused() {
        Callers tenant = Callers.ofNewTenant();
        for (int job = 1; job <= AuthProfile.JOBS_IN_FLIGHT; job++) {
            tenant.submit("In flight " + job);
        }
        double refusedBefore = refusals();

        int status = tenant.submitter().contentType(ContentType.JSON).body(Jobs.body("One too many")).post("/jobs")
                .statusCode();

        assertThat(status).isEqualTo(429);
        assertThat(refusals()).isEqualTo(refusedBefore + 1);
        assertThatThrownBy(() -> inFlight.admit(tenant.tenant(), 1).await().atMost(TIMEOUT))
                .isInstanceOfSatisfying(TooManyRequestsException.class,
                        refusal -> assertThat(refusal.retryAfter()).isPositive());
    }

    private double refusals() {
        return registry.get("manager.limits.refusals").tag("limit", LimitRefusals.JOBS_IN_FLIGHT).counter().count();
    }

    @Test
    void otherTenantsJobsDoNotCount() {
        Callers full = Callers.ofNewTenant();
        for (int job = 1; job <= AuthProfile.JOBS_IN_FLIGHT; job++) {
            full.submit("Filling " + job);
        }

        Callers.ofNewTenant().submit("Not held back");
    }

    @Test
    void endedJobsDoNotCount() {
        Callers tenant = Callers.ofNewTenant();
        UUID ended = tenant.submit("Ends at once");
        for (int job = 2; job <= AuthProfile.JOBS_IN_FLIGHT; job++) {
            tenant.submit("In flight " + job);
        }
        projection.inRedis(ended, new JobCancelled("test"));

        tenant.submit("Takes the ended one's place");
    }

    @Test
    void anEndedJobWhoseEndingWasNotHeardIsFoundAtTheCap() {
        Callers tenant = Callers.ofNewTenant();
        UUID ended = tenant.submit("Ends unheard");
        for (int job = 2; job <= AuthProfile.JOBS_IN_FLIGHT; job++) {
            tenant.submit("In flight " + job);
        }
        projection.inRedisUnannounced(ended, new JobCancelled("test"));

        tenant.submit("Takes the unheard one's place");
    }
}
