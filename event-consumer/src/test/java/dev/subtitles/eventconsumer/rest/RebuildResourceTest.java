package dev.subtitles.eventconsumer.rest;

import static dev.subtitles.common.event.EventType.DOWNLOAD_REQUESTED;
import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.JOB_FAILED;
import static dev.subtitles.common.event.EventType.RETRY_SCHEDULED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static dev.subtitles.common.event.EventType.TRANSLATE_REQUESTED;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.eventconsumer.testing.ConsumerTest;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RebuildResourceTest extends ConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Inject
    JobViews views;

    @Test
    void rebuildingAFlushedJobRestoresItsPhaseFieldsAndHistoryExactly() {
        UUID jobId = project(DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, RETRY_SCHEDULED, DOWNLOAD_STARTED, SUBTITLE_READY);
        Map<String, String> job = views.job(jobId);
        List<String> history = views.history(jobId);
        views.forget(jobId);

        given().post("/admin/rebuild/{jobId}", jobId)
                .then().statusCode(200).body("jobId", equalTo(jobId.toString())).body("events", equalTo(5));

        assertThat(views.job(jobId)).isEqualTo(job);
        assertThat(views.history(jobId)).isEqualTo(history);
    }

    @Test
    void rebuildingEveryJobRestoresEachOfThem() {
        UUID failed = project(DOWNLOAD_REQUESTED, TRANSLATE_REQUESTED, JOB_FAILED);
        UUID queued = project(DOWNLOAD_REQUESTED);
        Map<UUID, Map<String, String>> jobs = Map.of(failed, views.job(failed), queued, views.job(queued));
        Map<UUID, List<String>> histories = Map.of(failed, views.history(failed), queued, views.history(queued));
        views.forget(failed);
        views.forget(queued);

        given().post("/admin/rebuild")
                .then().statusCode(200).body("jobs", greaterThanOrEqualTo(2)).body("events", greaterThanOrEqualTo(4));

        for (UUID jobId : List.of(failed, queued)) {
            assertThat(views.job(jobId)).isEqualTo(jobs.get(jobId));
            assertThat(views.history(jobId)).isEqualTo(histories.get(jobId));
        }
    }

    @Test
    void rebuildingAJobTheLogDoesNotKnowIsNotFound() {
        given().post("/admin/rebuild/{jobId}", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    /** Publishes one event of each type for a new job and waits until all are projected. */
    private UUID project(EventType... types) {
        UUID jobId = UUID.randomUUID();
        broker.publish(List.of(types).stream().map(type -> TestEvents.event(jobId, type)).toArray(JobEvent<?>[]::new));
        await().atMost(PATIENCE).until(() -> views.history(jobId).size() == types.length);
        return jobId;
    }
}
