package dev.subtitles.manager.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventSamples;
import dev.subtitles.common.event.EventType;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.junit.QuarkusTest;

/** The time jobs spent queued and running in each stage, read from the events recorded in the event log. */
@QuarkusTest
class StageTimesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

    @Inject
    EventLogRepository eventLog;

    @Inject
    Projection projection;

    @Test
    void eachStepTakesTheNearestRankMedianAndP95OverTheJobsThatWentThroughIt() {
        UUID library = UUID.randomUUID();
        record(library, EventType.DOWNLOAD_REQUESTED, 0);
        record(library, EventType.DOWNLOAD_STARTED, 2);
        record(library, EventType.SUBTITLE_READY, 5);
        UUID translated = UUID.randomUUID();
        record(translated, EventType.DOWNLOAD_REQUESTED, 0);
        record(translated, EventType.DOWNLOAD_STARTED, 4);
        record(translated, EventType.RETRY_SCHEDULED, 5);
        record(translated, EventType.DOWNLOAD_STARTED, 7);
        record(translated, EventType.TRANSLATE_REQUESTED, 10);
        record(translated, EventType.TRANSLATE_STARTED, 11);
        record(translated, EventType.TRANSLATED, 20);
        UUID waiting = UUID.randomUUID();
        record(waiting, EventType.DOWNLOAD_REQUESTED, 0);

        List<StageTime> times = eventLog.stageTimes(List.of(library, translated, waiting, UUID.randomUUID()))
                .await().atMost(TIMEOUT);

        assertThat(times).containsExactly(
                new StageTime("download", "queued", 2, 2, 4),
                new StageTime("download", "running", 2, 3, 6),
                new StageTime("translate", "queued", 1, 1, 1),
                new StageTime("translate", "running", 1, 9, 9));
    }

    @Test
    void jobsWithoutRecordedEventsHaveNoStageTimes() {
        assertThat(eventLog.stageTimes(List.of(UUID.randomUUID())).await().atMost(TIMEOUT)).isEmpty();
        assertThat(eventLog.stageTimes(List.of()).await().atMost(TIMEOUT)).isEmpty();
    }

    private void record(UUID job, EventType type, int second) {
        projection.inEventLogAt(job, EventSamples.payload(type), START.plusSeconds(second));
    }
}
