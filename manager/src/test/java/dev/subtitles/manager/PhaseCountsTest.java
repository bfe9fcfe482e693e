package dev.subtitles.manager;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.OwnDatabase;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@code GET /jobs/phase-counts}, on a database of its own so that the counts are this test's jobs only. */
@QuarkusTest
@TestProfile(PhaseCountsTest.CountThree.class)
class PhaseCountsTest {

    public static class CountThree extends OwnDatabase {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("manager.jobs.phase-filter-scan-limit", "3");
        }
    }

    @Inject
    Projection projection;

    @AfterEach
    void clear() {
        projection.clear();
    }

    @Test
    void countsTheNewestJobsByTheirProjectedPhaseAndSaysWhenThatIsNotAll() {
        UUID oldest = Jobs.submit("Counted 1");
        given().when().get("/jobs/phase-counts")
                .then().statusCode(200)
                .body("counts.DOWNLOAD_QUEUED", is(1))
                .body("examined", is(1))
                .body("complete", is(true));

        UUID running = Jobs.submit("Counted 2");
        UUID done = Jobs.submit("Counted 3");
        Jobs.submit("Counted 4");
        projection.inRedis(running, new DownloadStarted(1, "downloader-1"));
        projection.inRedis(done, new DownloadStarted(1, "downloader-1"));
        projection.inRedis(done,
                new SubtitleReady(UUID.randomUUID(), "library", "pt-BR", 0.9, List.of(), SubtitleFormat.SRT));
        projection.inRedis(oldest, new DownloadStarted(1, "downloader-1"));

        given().when().get("/jobs/phase-counts")
                .then().statusCode(200)
                .body("counts.DOWNLOAD_QUEUED", is(1))
                .body("counts.DOWNLOAD_IN_PROGRESS", is(1))
                .body("counts.DONE", is(1))
                .body("counts.FAILED", is(0))
                .body("examined", is(3))
                .body("complete", is(false));
    }
}
