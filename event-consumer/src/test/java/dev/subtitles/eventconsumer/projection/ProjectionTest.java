package dev.subtitles.eventconsumer.projection;

import static dev.subtitles.common.event.EventType.DOWNLOAD_REQUESTED;
import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.JOB_FAILED;
import static dev.subtitles.common.event.EventType.RETRY_SCHEDULED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static dev.subtitles.common.event.EventType.TRANSLATED;
import static dev.subtitles.common.event.EventType.TRANSLATE_REQUESTED;
import static dev.subtitles.common.event.EventType.TRANSLATE_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.eventconsumer.testing.ConsumerTest;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ProjectionTest extends ConsumerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Inject
    JobViews views;
    @Inject
    Pool pool;
    @Inject
    RedisDataSource redis;
    @Inject
    ProjectionKeys keys;

    @Test
    void eventIsRecordedWithTheFirstSequenceNumberAndItsCloudEvent() throws Exception {
        JobEvent<EventPayload> requested = TestEvents.event(UUID.randomUUID(), DOWNLOAD_REQUESTED);

        broker.publish(requested);

        await().atMost(PATIENCE).until(() -> views.history(requested.jobId()).size() == 1);
        Row row = pool.preparedQuery("SELECT * FROM events.job_event WHERE event_id = $1")
                .executeAndAwait(Tuple.of(requested.id())).iterator().next();
        assertThat(row.getUUID("job_id")).isEqualTo(requested.jobId());
        assertThat(row.getLong("seq")).isEqualTo(1L);
        assertThat(row.getString("type")).isEqualTo("subtitle.download.requested");
        assertThat(row.getString("source")).isEqualTo(TestEvents.SOURCE.toString());
        assertThat(row.getOffsetDateTime("event_time").toInstant()).isEqualTo(requested.time());
        assertThat(JSON.readTree(row.getJson("cloud_event").toString()))
                .isEqualTo(JSON.readTree(new EventCodec().encode(requested)));
    }

    @Test
    void historyEntryCarriesTheContractFieldsInOrder() throws Exception {
        JobEvent<EventPayload> requested = TestEvents.event(UUID.randomUUID(), DOWNLOAD_REQUESTED);

        broker.publish(requested);

        await().atMost(PATIENCE).until(() -> views.history(requested.jobId()).size() == 1);
        JsonNode entry = JSON.readTree(views.history(requested.jobId()).get(0));
        JsonNode cloudEvent = JSON.readTree(new EventCodec().encode(requested));
        assertThat(entry.fieldNames()).toIterable()
                .containsExactly("jobId", "seq", "id", "type", "time", "source", "data");
        assertThat(entry.get("jobId").textValue()).isEqualTo(requested.jobId().toString());
        assertThat(entry.get("seq").longValue()).isEqualTo(1L);
        assertThat(entry.get("id").textValue()).isEqualTo(requested.id().toString());
        assertThat(entry.get("type").textValue()).isEqualTo("subtitle.download.requested");
        assertThat(entry.get("time").textValue()).isEqualTo(cloudEvent.get("time").textValue());
        assertThat(entry.get("source").textValue()).isEqualTo(TestEvents.SOURCE.toString());
        assertThat(entry.get("data")).isEqualTo(cloudEvent.get("data"));
    }

    @Test
    void translatedJobEndsDoneWithItsResultAndLastEvent() {
        UUID jobId = UUID.randomUUID();
        List<JobEvent<EventPayload>> events = events(jobId, DOWNLOAD_REQUESTED, DOWNLOAD_STARTED,
                TRANSLATE_REQUESTED, TRANSLATE_STARTED, TRANSLATED);

        broker.publish(events.toArray(JobEvent<?>[]::new));

        await().atMost(PATIENCE).until(() -> views.history(jobId).size() == 5);
        Map<String, String> job = views.job(jobId);
        JobEvent<EventPayload> last = events.get(4);
        assertThat(job).containsEntry("phase", "DONE")
                .containsEntry("resultFileId", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
                .containsEntry("engine", "openai")
                .containsEntry("model", "gpt-4o-mini")
                .containsEntry("language", "de")
                .containsEntry("lastEventId", last.id().toString())
                .containsEntry("lastEventType", "subtitle.translated")
                .containsEntry("lastSeq", "5")
                .containsKey("updatedAt");
        assertThat(views.history(jobId)).extracting(entry -> JSON.readTree(entry).get("seq").longValue())
                .containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void failedJobShowsTheErrorOfItsFailure() {
        UUID jobId = UUID.randomUUID();

        broker.publish(events(jobId, DOWNLOAD_REQUESTED, RETRY_SCHEDULED, JOB_FAILED).toArray(JobEvent<?>[]::new));

        await().atMost(PATIENCE).until(() -> "FAILED".equals(views.phase(jobId)));
        assertThat(views.job(jobId)).containsEntry("stage", "TRANSLATE")
                .containsEntry("errorCode", "RETRIES_EXHAUSTED")
                .containsEntry("error", "the translation engine kept failing");
    }

    @Test
    void jobKeysLiveForTheConfiguredTimeToLive() {
        JobEvent<EventPayload> requested = TestEvents.event(UUID.randomUUID(), DOWNLOAD_REQUESTED);

        broker.publish(requested);

        await().atMost(PATIENCE).until(() -> views.history(requested.jobId()).size() == 1);
        assertThat(views.ttl(requested.jobId())).isBetween(Duration.ofDays(7).toSeconds() - 60,
                Duration.ofDays(7).toSeconds());
    }

    @Test
    void redeliveredEventsLeaveHistoryAndLogUnchanged() {
        UUID jobId = UUID.randomUUID();
        List<JobEvent<EventPayload>> events = events(jobId, DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, SUBTITLE_READY);
        broker.publish(events.toArray(JobEvent<?>[]::new));
        await().atMost(PATIENCE).until(() -> views.history(jobId).size() == 3);
        List<String> history = views.history(jobId);
        Map<String, String> job = views.job(jobId);
        UUID marker = UUID.randomUUID();

        broker.publish(events.toArray(JobEvent<?>[]::new));
        broker.publish(TestEvents.event(marker, DOWNLOAD_REQUESTED));

        await().atMost(PATIENCE).until(() -> views.history(marker).size() == 1);
        assertThat(views.history(jobId)).isEqualTo(history);
        assertThat(views.job(jobId)).isEqualTo(job);
        assertThat(recordedSequences(jobId)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void shuffledAndDuplicatedDeliveryEndsInTheSamePhaseAndEventsAsInOrderDelivery() {
        EventType[] lifecycle = { DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, TRANSLATE_REQUESTED, RETRY_SCHEDULED,
                TRANSLATE_STARTED, TRANSLATED };
        UUID inOrderJob = UUID.randomUUID();
        UUID shuffledJob = UUID.randomUUID();
        List<JobEvent<EventPayload>> shuffled = new ArrayList<>(events(shuffledJob, lifecycle));
        shuffled.addAll(shuffled.subList(0, 3));
        Collections.shuffle(shuffled, new Random(42));

        broker.publish(events(inOrderJob, lifecycle).toArray(JobEvent<?>[]::new));
        broker.publish(shuffled.toArray(JobEvent<?>[]::new));

        await().atMost(PATIENCE).until(() -> views.history(inOrderJob).size() == 6
                && views.history(shuffledJob).size() == 6);
        assertThat(views.phase(shuffledJob)).isEqualTo(views.phase(inOrderJob)).isEqualTo("DONE");
        assertThat(resultFields(shuffledJob)).isEqualTo(resultFields(inOrderJob));
        assertThat(typesAndData(shuffledJob)).containsExactlyInAnyOrderElementsOf(typesAndData(inOrderJob));
        assertThat(recordedSequences(shuffledJob)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void eachProjectedEventIsAnnouncedOnThePubSubChannel() {
        UUID jobId = UUID.randomUUID();
        List<String> announced = new CopyOnWriteArrayList<>();
        var subscriber = redis.pubsub(String.class).subscribe(keys.channel(), message -> {
            if (message.contains(jobId.toString())) {
                announced.add(message);
            }
        });
        try {
            broker.publish(events(jobId, DOWNLOAD_REQUESTED, DOWNLOAD_STARTED).toArray(JobEvent<?>[]::new));

            await().atMost(PATIENCE).until(() -> announced.size() == 2);
            assertThat(announced).containsExactlyElementsOf(views.history(jobId));
        } finally {
            subscriber.unsubscribe();
        }
    }

    @Test
    void eventsOfAJobSpreadOverSeveralBatchesAreAnnouncedInSequenceOrder() {
        List<UUID> jobs = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Map<UUID, List<Long>> announced = new ConcurrentHashMap<>();
        var subscriber = redis.pubsub(String.class).subscribe(keys.channel(), message -> {
            JsonNode entry = readTree(message);
            UUID jobId = UUID.fromString(entry.get("jobId").textValue());
            if (jobs.contains(jobId)) {
                announced.computeIfAbsent(jobId, id -> new CopyOnWriteArrayList<>()).add(entry.get("seq").longValue());
            }
        });
        int perJob = 150;
        try {
            List<JobEvent<?>> events = new ArrayList<>();
            for (int i = 0; i < perJob; i++) {
                for (UUID jobId : jobs) {
                    events.add(TestEvents.event(jobId, i == 0 ? DOWNLOAD_REQUESTED : RETRY_SCHEDULED));
                }
            }

            broker.publish(events.toArray(JobEvent<?>[]::new));

            await().atMost(PATIENCE).until(() -> jobs.stream()
                    .allMatch(jobId -> announced.getOrDefault(jobId, List.of()).size() == perJob));
            List<Long> inOrder = LongStream.rangeClosed(1, perJob).boxed().toList();
            jobs.forEach(jobId -> assertThat(announced.get(jobId)).as("seqs announced for job %s", jobId)
                    .containsExactlyElementsOf(inOrder));
        } finally {
            subscriber.unsubscribe();
        }
    }

    private static List<JobEvent<EventPayload>> events(UUID jobId, EventType... types) {
        return List.of(types).stream().map(type -> TestEvents.event(jobId, type)).toList();
    }

    private List<Long> recordedSequences(UUID jobId) {
        List<Long> seqs = new ArrayList<>();
        pool.preparedQuery("SELECT seq FROM events.job_event WHERE job_id = $1 ORDER BY seq")
                .executeAndAwait(Tuple.of(jobId)).forEach(row -> seqs.add(row.getLong("seq")));
        return seqs;
    }

    private Map<String, String> resultFields(UUID jobId) {
        Map<String, String> fields = new java.util.HashMap<>(views.job(jobId));
        fields.keySet().removeAll(List.of("updatedAt", "lastEventId", "lastEventType", "lastSeq"));
        return fields;
    }

    private List<String> typesAndData(UUID jobId) {
        return views.history(jobId).stream().map(entry -> {
            JsonNode node = readTree(entry);
            return node.get("type").textValue() + " " + node.get("data");
        }).toList();
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
