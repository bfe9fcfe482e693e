package dev.subtitles.eventconsumer.projection;

import static dev.subtitles.common.event.EventType.DOWNLOAD_REQUESTED;
import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.RETRY_SCHEDULED;
import static dev.subtitles.common.event.EventType.TRANSLATED;
import static dev.subtitles.common.event.EventType.TRANSLATE_REQUESTED;
import static dev.subtitles.common.event.EventType.TRANSLATE_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Two projections at once over the same jobs, as two instances consuming one queue would run them: every event of a
 * job split between two batches projected concurrently, duplicates included.
 */
@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConcurrentProjectionTest {

    private static final EventType[] LIFECYCLE = { DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, TRANSLATE_REQUESTED,
            RETRY_SCHEDULED, TRANSLATE_STARTED, TRANSLATED };
    private static final EventCodec CODEC = new EventCodec();

    @Inject
    ProjectionService projection;
    @Inject
    JobViews views;
    @Inject
    Pool pool;

    @Test
    void concurrentProjectionsOfOneJobsEventsGiveTheFinalPhaseAndGaplessSequences() {
        List<UUID> jobs = new ArrayList<>();
        List<ReceivedEvent> first = new ArrayList<>();
        List<ReceivedEvent> second = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            UUID jobId = UUID.randomUUID();
            jobs.add(jobId);
            for (int e = 0; e < LIFECYCLE.length; e++) {
                ReceivedEvent event = received(TestEvents.event(jobId, LIFECYCLE[e]));
                (e % 2 == 0 ? first : second).add(event);
                if (e == 0) {
                    second.add(event);
                }
            }
        }

        Uni.combine().all().unis(projectRetryingConflicts(first), projectRetryingConflicts(second))
                .discardItems().await().atMost(Duration.ofSeconds(30));

        for (UUID jobId : jobs) {
            assertThat(views.phase(jobId)).as("phase of job %s", jobId).isEqualTo("DONE");
            assertThat(views.history(jobId)).hasSize(LIFECYCLE.length);
            assertThat(recordedSequences(jobId)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        }
    }

    /** What the listener does on a conflict with another instance: try again. */
    private Uni<Void> projectRetryingConflicts(List<ReceivedEvent> batch) {
        return projection.project(batch).onFailure(ConcurrentRecordingException.class).retry().atMost(5);
    }

    private static ReceivedEvent received(JobEvent<?> event) {
        return new ReceivedEvent(event, new String(CODEC.encode(event), StandardCharsets.UTF_8));
    }

    private List<Long> recordedSequences(UUID jobId) {
        List<Long> seqs = new ArrayList<>();
        pool.preparedQuery("SELECT seq FROM events.job_event WHERE job_id = $1 ORDER BY seq")
                .executeAndAwait(Tuple.of(jobId)).forEach(row -> seqs.add(row.getLong("seq")));
        return seqs;
    }
}
