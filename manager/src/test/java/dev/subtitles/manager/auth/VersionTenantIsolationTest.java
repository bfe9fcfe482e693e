package dev.subtitles.manager.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.store.NewSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.manager.support.Projection;
import dev.subtitles.manager.upgrade.UpgradeRows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A done and upgraded job's versions are its tenant's: another tenant gets exactly what an unknown job gets (404, the
 * same body) from the versions list and from every version of the file.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class VersionTenantIsolationTest {

    private static final String SRT = "1\n00:00:01,000 --> 00:00:02,000\nOnly B's.\n";

    @Inject
    Projection projection;

    @Inject
    SubtitleStore store;

    @Inject
    Pool pool;

    private final Callers a = Callers.ofNewTenant();
    private final Callers b = Callers.ofNewTenant();

    @AfterEach
    void clearProjection() {
        projection.clear();
    }

    @Test
    void anotherTenantsVersionsAnswerAsAnUnknownJob() {
        UUID ofB = upgradedJobOf(b);
        b.viewer().get("/jobs/" + ofB + "/versions").then().statusCode(200).body("latest", is(2));
        b.viewer().get("/jobs/" + ofB + "/subtitle?version=2").then().statusCode(200);

        for (String route : List.of("/jobs/%s/versions", "/jobs/%s/subtitle", "/jobs/%s/subtitle?version=1",
                "/jobs/%s/subtitle?version=2", "/jobs/%s/subtitle?version=3")) {
            Response unknown = a.viewer().get(route.formatted(UUID.randomUUID()));
            Response others = a.viewer().get(route.formatted(ofB));

            assertThat(others.statusCode()).as(route).isEqualTo(404);
            assertThat(others.contentType()).as(route).isEqualTo(unknown.contentType());
            assertThat(others.jsonPath().getMap("$")).as(route)
                    .containsEntry("type", unknown.jsonPath().getString("type"))
                    .containsEntry("title", unknown.jsonPath().getString("title"))
                    .containsEntry("detail", "no job with id '" + ofB + "'")
                    .containsOnlyKeys(unknown.jsonPath().getMap("$").keySet());
        }
    }

    @Test
    void versionsNeedAReadRole() {
        UUID ofB = upgradedJobOf(b);

        b.as("nobody").get("/jobs/" + ofB + "/versions").then().statusCode(403);
        given().get("/jobs/" + ofB + "/versions").then().statusCode(401);
    }

    private UUID upgradedJobOf(Callers callers) {
        UUID job = callers.submit("Versions of " + callers.tenant());
        UUID first = store.save(NewSubtitleFile.downloaded(job, "pt-BR", SubtitleFormat.SRT, SRT, "opensubtitles"))
                .await().indefinitely().id();
        projection.inRedis(job, new SubtitleReady(first, "opensubtitles", "pt-BR", 120, List.of(), SubtitleFormat.SRT));
        UUID second = store.save(NewSubtitleFile.downloaded(job, "pt-BR", SubtitleFormat.SRT, SRT + "\n2\n"
                + "00:00:03,000 --> 00:00:04,000\nBetter.\n", "library")).await().indefinitely().id();
        new UpgradeRows(pool).version(job, 2, second, "library", 560);
        return job;
    }
}
