package dev.subtitles.eventconsumer.messaging;

import static dev.subtitles.common.event.EventType.DOWNLOAD_REQUESTED;
import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.testing.TcpProxy;
import dev.subtitles.eventconsumer.testing.ConsumerMetrics;
import dev.subtitles.eventconsumer.testing.ConsumerTest;
import dev.subtitles.eventconsumer.testing.EventLog;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.PostgresProxyResource;
import dev.subtitles.eventconsumer.testing.PostgresProxyResource.InjectPostgresProxy;
import dev.subtitles.eventconsumer.testing.TestBroker.DeadLetter;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Events PostgreSQL refuses to store for what they hold. The application reaches PostgreSQL through a proxy, which
 * one test cuts to make events pile up into one batch.
 */
@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresProxyResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class UnstorableEventTest extends ConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final EventCodec CODEC = new EventCodec();
    /** The title of the sample {@code subtitle.download.requested}, replaced by a string PostgreSQL refuses. */
    private static final String TITLE = "The Matrix";
    /** A lone UTF-16 surrogate escaped in JSON: the codec takes it, PostgreSQL answers 22P02. */
    private static final String LONE_SURROGATE = "Lone \\ud800 surrogate";
    /** A NUL escaped in JSON: the codec takes it, PostgreSQL answers 22P05. */
    private static final String NUL = "a\\u0000b";

    @InjectPostgresProxy
    TcpProxy postgresProxy;
    @Inject
    JobViews views;
    @Inject
    EventLog eventLog;
    @Inject
    ConsumerMetrics metrics;

    @Test
    void eventWithALoneSurrogateIsDeadLetteredOnceWithItsReason() {
        double redeliveredBefore = metrics.redelivered();
        byte[] bad = unstorable(UUID.randomUUID(), LONE_SURROGATE);

        publish(bad);

        DeadLetter copy = awaitDeadLetterWithBody(bad);
        assertThat(copy.reason()).startsWith("PostgreSQL refused to store the event: ").contains("SQLSTATE 22P02");
        assertNoOtherCopyOf(bad);
        assertThat(metrics.redelivered()).isEqualTo(redeliveredBefore);
    }

    @Test
    void eventWithANulIsDeadLetteredOnceWithItsReason() {
        double redeliveredBefore = metrics.redelivered();
        byte[] bad = unstorable(UUID.randomUUID(), NUL);

        publish(bad);

        DeadLetter copy = awaitDeadLetterWithBody(bad);
        assertThat(copy.reason()).startsWith("PostgreSQL refused to store the event: ").contains("SQLSTATE 22P05");
        assertNoOtherCopyOf(bad);
        assertThat(metrics.redelivered()).isEqualTo(redeliveredBefore);
    }

    @Test
    void jobOfAnUnstorableEventEndsFailedInRedisAndInTheEventLog() {
        UUID jobId = UUID.randomUUID();

        publish(unstorable(jobId, LONE_SURROGATE));

        await().atMost(PATIENCE).until(() -> "FAILED".equals(views.phase(jobId)));
        assertThat(views.job(jobId)).containsEntry("errorCode", UnstorableEvents.ERROR_CODE)
                .containsEntry("lastEventType", "job.failed")
                .containsEntry("lastEventId", UnstorableEvents.failureId(jobId).toString());
        assertThat(views.history(jobId)).singleElement().asString().contains("job.failed", UnstorableEvents.ERROR_CODE);
        assertThat(eventLog.types(jobId)).containsExactly("job.failed");
    }

    @Test
    void laterEventsOfAFailedJobLeaveItFailed() {
        UUID jobId = UUID.randomUUID();
        publish(unstorable(jobId, NUL));
        await().atMost(PATIENCE).until(() -> "FAILED".equals(views.phase(jobId)));

        broker.publish(TestEvents.event(jobId, DOWNLOAD_STARTED), TestEvents.event(jobId, SUBTITLE_READY));

        await().atMost(PATIENCE).until(() -> eventLog.types(jobId).size() == 3);
        await().atMost(PATIENCE).until(() -> views.history(jobId).size() == 3);
        assertThat(views.phase(jobId)).isEqualTo("FAILED");
        assertThat(views.job(jobId)).containsEntry("errorCode", UnstorableEvents.ERROR_CODE)
                .doesNotContainKey("resultFileId");
    }

    @Test
    void otherEventsOfTheBatchOfAnUnstorableEventAreRecorded() throws InterruptedException {
        UUID blocked = UUID.randomUUID();
        UUID failing = UUID.randomUUID();
        List<UUID> neighbours = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        double recordFailures = metrics.recordFailures();

        // With PostgreSQL away, the consumer holds one batch and retries it while the next events pile up behind it;
        // they become a single batch when PostgreSQL returns.
        postgresProxy.cut();
        try {
            broker.publish(TestEvents.event(blocked, DOWNLOAD_REQUESTED));
            await().atMost(PATIENCE).until(() -> metrics.recordFailures() > recordFailures);
            JobEvent<EventPayload> first = TestEvents.event(neighbours.get(0), DOWNLOAD_REQUESTED);
            JobEvent<EventPayload> sameJobAfter = TestEvents.event(failing, DOWNLOAD_STARTED);
            broker.send(first.type().routingKey(), CODEC.encode(first), CODEC.contentType());
            broker.send("subtitle.download.requested", unstorable(failing, LONE_SURROGATE), CODEC.contentType());
            broker.send(sameJobAfter.type().routingKey(), CODEC.encode(sameJobAfter), CODEC.contentType());
            for (UUID jobId : neighbours.subList(1, neighbours.size())) {
                JobEvent<EventPayload> event = TestEvents.event(jobId, DOWNLOAD_REQUESTED);
                broker.send(event.type().routingKey(), CODEC.encode(event), CODEC.contentType());
            }
            broker.awaitConfirms();
            await().atMost(PATIENCE).until(() -> broker.readyInQueue() == 0);
        } finally {
            postgresProxy.restore();
        }

        await().atMost(PATIENCE).untilAsserted(() -> {
            for (UUID jobId : neighbours) {
                assertThat(views.phase(jobId)).as("phase of job %s", jobId).isEqualTo("DOWNLOAD_QUEUED");
            }
            assertThat(views.phase(blocked)).isEqualTo("DOWNLOAD_QUEUED");
            assertThat(views.phase(failing)).isEqualTo("FAILED");
        });
        assertThat(eventLog.types(failing)).containsExactly("subtitle.download.started", "job.failed");
    }

    /** A {@code subtitle.download.requested} of {@code jobId} whose title is {@code title} (JSON, escapes included). */
    private static byte[] unstorable(UUID jobId, String title) {
        return TestEvents.withString(TestEvents.event(jobId, DOWNLOAD_REQUESTED), TITLE, title);
    }

    private static void publish(byte[] body) {
        broker.publishRaw("subtitle.download.requested", body, CODEC.contentType());
    }

    /**
     * The dead-letter copy with {@code body}, taken from the DLQ; copies of other tests' messages (arriving late) are
     * taken and dropped. Fails when none comes.
     */
    private static DeadLetter awaitDeadLetterWithBody(byte[] body) {
        List<DeadLetter> found = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            takeDeadLettersWithBody(body, found);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    /** No second copy of {@code body} reaches the DLQ within a second. */
    private static void assertNoOtherCopyOf(byte[] body) {
        List<DeadLetter> more = new ArrayList<>();
        await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> {
            takeDeadLettersWithBody(body, more);
            return more.isEmpty();
        });
    }

    private static void takeDeadLettersWithBody(byte[] body, List<DeadLetter> found) {
        for (DeadLetter next = broker.nextDeadLetter(); next != null; next = broker.nextDeadLetter()) {
            if (Arrays.equals(next.body(), body)) {
                found.add(next);
            }
        }
    }
}
