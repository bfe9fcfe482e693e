package dev.subtitles.eventconsumer.projection;

import static dev.subtitles.common.event.EventType.DOWNLOAD_REQUESTED;
import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static dev.subtitles.common.event.EventType.SUBTITLE_UPGRADED;
import static dev.subtitles.common.event.EventType.UPGRADE_CHECKED;
import static dev.subtitles.common.event.EventType.UPGRADE_REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.eventconsumer.testing.ConsumerTest;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The events of a done job's searches for a better subtitle (docs/upgrades.md) go into its history and leave it
 * {@code DONE} with its result; a job whose view expired before one arrives gets no phase from it.
 */
@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UpgradeProjectionTest extends ConsumerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    /** The file of the sample {@code subtitle.ready}. */
    private static final String READY_FILE = "0b7e2a43-55a4-4c8e-9f0a-3d1f2b6c7e11";

    @Inject
    JobViews views;
    @Inject
    Pool pool;

    @Test
    void upgradeEventsOfADoneJobAreInItsHistoryAndLeaveItDoneWithItsResult() {
        UUID jobId = doneJob();

        broker.publish(events(jobId, UPGRADE_REQUESTED, SUBTITLE_UPGRADED, UPGRADE_REQUESTED, UPGRADE_CHECKED)
                .toArray(JobEvent<?>[]::new));

        await().atMost(PATIENCE).until(() -> views.history(jobId).size() == 7);
        assertThat(types(jobId)).containsExactly("subtitle.download.requested", "subtitle.download.started",
                "subtitle.ready", "subtitle.upgrade.requested", "subtitle.upgraded", "subtitle.upgrade.requested",
                "subtitle.upgrade.checked");
        assertThat(views.job(jobId)).containsEntry("phase", "DONE")
                .containsEntry("resultFileId", READY_FILE)
                .containsEntry("provider", "opensubtitles")
                .containsEntry("lastEventType", "subtitle.upgrade.checked")
                .containsEntry("lastSeq", "7");
        assertThat(recordedTypes(jobId)).hasSize(7);
    }

    @Test
    void upgradedEventCarriesTheNewVersionIntoTheHistory() {
        UUID jobId = doneJob();
        JobEvent<EventPayload> upgraded = TestEvents.event(jobId, SUBTITLE_UPGRADED);

        broker.publish(upgraded);

        await().atMost(PATIENCE).until(() -> views.history(jobId).size() == 4);
        JsonNode entry = readTree(views.history(jobId).get(3));
        assertThat(entry.get("id").textValue()).isEqualTo(upgraded.id().toString());
        assertThat(entry.get("data").get("version").intValue()).isEqualTo(3);
        assertThat(entry.get("data").get("previousScore").doubleValue()).isEqualTo(160.0);
    }

    @Test
    void redeliveredUpgradeEventIsRecordedOnce() {
        UUID jobId = doneJob();
        JobEvent<EventPayload> upgraded = TestEvents.event(jobId, SUBTITLE_UPGRADED);
        JobEvent<EventPayload> checked = TestEvents.event(jobId, UPGRADE_CHECKED);

        broker.publish(upgraded, upgraded, checked);

        await().atMost(PATIENCE).until(() -> views.history(jobId).size() == 5);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> views.history(jobId).size() == 5);
        assertThat(recordedTypes(jobId)).containsExactly("subtitle.download.requested", "subtitle.download.started",
                "subtitle.ready", "subtitle.upgraded", "subtitle.upgrade.checked");
    }

    @Test
    void upgradeEventOfAJobWhoseViewExpiredGivesItNoPhase() {
        UUID jobId = doneJob();
        views.forget(jobId);

        broker.publish(TestEvents.event(jobId, UPGRADE_CHECKED));

        await().atMost(PATIENCE).until(() -> views.history(jobId).size() == 1);
        assertThat(views.job(jobId)).doesNotContainKey("phase")
                .containsEntry("lastSeq", "4")
                .containsEntry("lastEventType", "subtitle.upgrade.checked")
                .containsKey("tenant");
        assertThat(recordedTypes(jobId)).hasSize(4);
    }

    private UUID doneJob() {
        UUID jobId = UUID.randomUUID();
        broker.publish(events(jobId, DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, SUBTITLE_READY).toArray(JobEvent<?>[]::new));
        await().atMost(PATIENCE).until(() -> "DONE".equals(views.phase(jobId)) && views.history(jobId).size() == 3);
        return jobId;
    }

    private static List<JobEvent<EventPayload>> events(UUID jobId, EventType... types) {
        return List.of(types).stream().map(type -> TestEvents.event(jobId, type)).toList();
    }

    private List<String> types(UUID jobId) {
        return views.history(jobId).stream().map(entry -> readTree(entry).get("type").textValue()).toList();
    }

    private List<String> recordedTypes(UUID jobId) {
        List<String> types = new ArrayList<>();
        pool.preparedQuery("SELECT type FROM events.job_event WHERE job_id = $1 ORDER BY seq")
                .executeAndAwait(Tuple.of(jobId)).forEach(row -> types.add(row.getString("type")));
        return types;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
