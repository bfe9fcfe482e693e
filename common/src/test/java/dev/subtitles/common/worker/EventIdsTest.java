package dev.subtitles.common.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.event.payload.TranslateStarted;
import dev.subtitles.common.format.SubtitleFormat;

class EventIdsTest {

    private final UUID request = UUID.randomUUID();

    @Test
    void sameRequestAttemptAndTypeGiveTheSameId() {
        assertThat(EventIds.derive(request, 1, EventType.TRANSLATED))
                .isEqualTo(EventIds.derive(request, 1, EventType.TRANSLATED));
    }

    @Test
    void anotherAttemptTypeOrRequestGivesAnotherId() {
        UUID id = EventIds.derive(request, 1, EventType.TRANSLATED);

        assertThat(EventIds.derive(request, 2, EventType.TRANSLATED)).isNotEqualTo(id);
        assertThat(EventIds.derive(request, 1, EventType.TRANSLATE_STARTED)).isNotEqualTo(id);
        assertThat(EventIds.derive(UUID.randomUUID(), 1, EventType.TRANSLATED)).isNotEqualTo(id);
    }

    @Test
    void eventOfARequestCarriesItsJobTenantTraceAndDerivedId() {
        JobEvent<TranslateRequested> requested = new JobEvent<>(request, EventType.TRANSLATE_REQUESTED,
                JobEvent.source("downloader", "a"), UUID.randomUUID(), "acme", Instant.now(),
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                new TranslateRequested(UUID.randomUUID(), "en", "es", SubtitleFormat.SRT, "library", Priority.NORMAL));
        URI source = JobEvent.source("translator", "b");

        JobEvent<TranslateStarted> started = EventIds.eventOf(requested, 2, source, Instant.now(),
                new TranslateStarted(2, "apertium"));

        assertThat(started.id()).isEqualTo(EventIds.derive(request, 2, EventType.TRANSLATE_STARTED));
        assertThat(started.jobId()).isEqualTo(requested.jobId());
        assertThat(started.tenant()).isEqualTo("acme");
        assertThat(started.traceparent()).isEqualTo(requested.traceparent());
        assertThat(started.source()).isEqualTo(source);
    }
}
