package dev.subtitles.eventconsumer.projection;

import static dev.subtitles.common.event.EventType.DOWNLOAD_REQUESTED;
import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.JOB_FAILED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static dev.subtitles.common.event.EventType.TRANSLATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.eventconsumer.testing.ConsumerTest;
import dev.subtitles.eventconsumer.testing.JobViews;
import dev.subtitles.eventconsumer.testing.TestEvents;
import dev.subtitles.eventconsumer.testing.TestTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** How jobs end, counted once per job by the projection (samples: {@code EventSamples}). */
@QuarkusTest
@WithTestResource(value = TestTopology.class, scope = TestResourceScope.MATCHING_RESOURCES)
class JobOutcomeMetricsTest extends ConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final Duration QUIET = Duration.ofSeconds(1);

    @Inject
    JobViews views;
    @Inject
    MeterRegistry registry;

    @Test
    void jobDoneIsCountedByProviderAndLanguageWithItsDurationFromSubmission() {
        double done = doneCount("download", "opensubtitles", "de");
        long durations = durationCount("done");
        UUID jobId = UUID.randomUUID();

        project(jobId, DOWNLOAD_REQUESTED, DOWNLOAD_STARTED, SUBTITLE_READY);

        await().atMost(PATIENCE).until(() -> doneCount("download", "opensubtitles", "de") == done + 1
                && durationCount("done") == durations + 1);
    }

    @Test
    void translatedJobIsCountedByEngineAndTargetLanguage() {
        double done = doneCount("translate", "openai", "de");
        UUID jobId = UUID.randomUUID();

        project(jobId, DOWNLOAD_REQUESTED, TRANSLATED);

        await().atMost(PATIENCE).until(() -> doneCount("translate", "openai", "de") == done + 1);
    }

    @Test
    void failedJobIsCountedByStageAndErrorCode() {
        double failed = failedCount("translate", "RETRIES_EXHAUSTED");
        UUID jobId = UUID.randomUUID();

        project(jobId, DOWNLOAD_REQUESTED, JOB_FAILED);

        await().atMost(PATIENCE).until(() -> failedCount("translate", "RETRIES_EXHAUSTED") == failed + 1);
    }

    @Test
    void aSecondTerminalEventOrARedeliveryOfTheFirstCountsNothing() {
        UUID jobId = UUID.randomUUID();
        JobEvent<EventPayload> ready = TestEvents.event(jobId, SUBTITLE_READY);
        double done = doneCount("download", "opensubtitles", "de");
        double failed = failedCount("translate", "RETRIES_EXHAUSTED");
        project(jobId, DOWNLOAD_REQUESTED);
        broker.publish(ready);
        await().atMost(PATIENCE).until(() -> doneCount("download", "opensubtitles", "de") == done + 1);

        broker.publish(ready, TestEvents.event(jobId, JOB_FAILED));

        await().atMost(PATIENCE).until(() -> views.history(jobId).size() == 3);
        await().during(QUIET).atMost(QUIET.plusSeconds(2))
                .until(() -> doneCount("download", "opensubtitles", "de") == done + 1
                        && failedCount("translate", "RETRIES_EXHAUSTED") == failed);
    }

    @Test
    void everyErrorCodeOfEveryStageAndAnyOtherLanguageHaveASeries() {
        assertThat(registry.find("subtitles.jobs.failed").tag("error_code", "DEADLINE_EXCEEDED").counters())
                .hasSize(2);
        assertThat(registry.find("subtitles.jobs.done").tag("language", "other").counters()).isNotEmpty();
    }

    private void project(UUID jobId, EventType... types) {
        for (EventType type : types) {
            broker.publish(TestEvents.event(jobId, type));
        }
        await().atMost(PATIENCE).until(() -> views.history(jobId).size() == types.length);
    }

    private double doneCount(String via, String source, String language) {
        return registry.get("subtitles.jobs.done").tag("via", via).tag("source", source).tag("language", language)
                .counter().count();
    }

    private double failedCount(String stage, String code) {
        return registry.get("subtitles.jobs.failed").tag("stage", stage).tag("error_code", code).counter().count();
    }

    private long durationCount(String outcome) {
        return registry.get("subtitles.job.duration").tag("outcome", outcome).timer().count();
    }
}
