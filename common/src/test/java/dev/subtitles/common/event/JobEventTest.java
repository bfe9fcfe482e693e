package dev.subtitles.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.tenant.Tenants;

class JobEventTest {

    private static final UUID JOB_ID = UUID.fromString("3f2a9c1e-7b4d-4e8a-9c6f-2d1b0a9e8f7c");
    private final DownloadStarted started = new DownloadStarted(1, "downloader-1");

    @Test
    void createDerivesTypeFromPayload() {
        JobEvent<DownloadStarted> event = JobEvent.create(JOB_ID, Tenants.DEFAULT, EventSamples.SOURCE, started);

        assertThat(event.type()).isEqualTo(EventType.DOWNLOAD_STARTED);
        assertThat(event.jobId()).isEqualTo(JOB_ID);
        assertThat(event.source()).isEqualTo(EventSamples.SOURCE);
        assertThat(event.payload()).isSameAs(started);
        assertThat(event.traceparent()).isNull();
    }

    @Test
    void createGivesEveryEventItsOwnId() {
        assertThat(JobEvent.create(JOB_ID, Tenants.DEFAULT, EventSamples.SOURCE, started).id())
                .isNotEqualTo(JobEvent.create(JOB_ID, Tenants.DEFAULT, EventSamples.SOURCE, started).id());
    }

    @Test
    void createStampsTheCurrentTimeInMicroseconds() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant time = JobEvent.create(JOB_ID, Tenants.DEFAULT, EventSamples.SOURCE, started).time();

        assertThat(time).isBetween(before, Instant.now());
        assertThat(time.getNano() % 1_000).isZero();
    }

    @Test
    void timeIsCutToMicroseconds() {
        JobEvent<DownloadStarted> event = new JobEvent<>(UUID.randomUUID(), EventType.DOWNLOAD_STARTED,
                EventSamples.SOURCE, JOB_ID, Tenants.DEFAULT, Instant.parse("2026-11-25T14:01:30.123456789Z"), null, started);

        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-25T14:01:30.123456Z"));
    }

    @Test
    void aRequestOfAHighOrLowJobIsRoutedWithThePrioritySuffix() {
        assertThat(request(Priority.HIGH).routingKey()).isEqualTo("subtitle.download.requested.high");
        assertThat(request(Priority.LOW).routingKey()).isEqualTo("subtitle.download.requested.low");
    }

    @Test
    void aRequestOfANormalJobIsRoutedWithItsTypeAlone() {
        assertThat(request(Priority.NORMAL).routingKey()).isEqualTo("subtitle.download.requested");
        assertThat(request(null).priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void anEventThatRequestsNoWorkIsRoutedWithItsTypeAlone() {
        JobEvent<DownloadStarted> event = JobEvent.create(JOB_ID, Tenants.DEFAULT, EventSamples.SOURCE, started);

        assertThat(event.routingKey()).isEqualTo("subtitle.download.started");
        assertThat(event.priority()).isEqualTo(Priority.NORMAL);
    }

    @Test
    void payloadMustBeTheOneOfTheType() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JobEvent<>(UUID.randomUUID(), EventType.SUBTITLE_READY, EventSamples.SOURCE,
                        JOB_ID, Tenants.DEFAULT, Instant.now(), null, started))
                .withMessage("a subtitle.ready event carries a SubtitleReady, not a DownloadStarted");
    }

    @Test
    void everyAttributeButTraceparentIsRequired() {
        assertThatNullPointerException()
                .isThrownBy(() -> new JobEvent<>(UUID.randomUUID(), EventType.DOWNLOAD_STARTED, EventSamples.SOURCE,
                        null, Tenants.DEFAULT, Instant.now(), null, started))
                .withMessage("jobId is required");
    }

    @Test
    void malformedTenantIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JobEvent.create(JOB_ID, "acme corp", EventSamples.SOURCE, started))
                .withMessageContaining("tenant must be");
    }

    @Test
    void blankTraceparentIsRejected() {
        JobEvent<DownloadStarted> event = JobEvent.create(JOB_ID, Tenants.DEFAULT, EventSamples.SOURCE, started);

        assertThatIllegalArgumentException().isThrownBy(() -> event.withTraceparent(" "))
                .withMessageContaining("traceparent");
    }

    @Test
    void withTraceparentChangesNothingElse() {
        JobEvent<DownloadStarted> event = JobEvent.create(JOB_ID, Tenants.DEFAULT, EventSamples.SOURCE, started);

        JobEvent<DownloadStarted> traced = event.withTraceparent(EventSamples.TRACEPARENT);

        assertThat(traced.traceparent()).isEqualTo(EventSamples.TRACEPARENT);
        assertThat(traced.withTraceparent(null)).isEqualTo(event);
    }

    @Test
    void asTypesTheEventByItsPayload() {
        JobEvent<EventPayload> event = EventSamples.event(EventType.SUBTITLE_READY);

        JobEvent<SubtitleReady> ready = event.as(SubtitleReady.class);

        assertThat(ready.payload().provider()).isEqualTo("opensubtitles");
        assertThat(ready).isEqualTo(event);
    }

    @Test
    void asRejectsAnotherPayloadClass() {
        JobEvent<EventPayload> event = EventSamples.event(EventType.SUBTITLE_READY);

        assertThatIllegalArgumentException().isThrownBy(() -> event.as(DownloadStarted.class))
                .withMessageContaining("carries a SubtitleReady, not a DownloadStarted");
    }

    @Test
    void sourceIsServiceAndInstanceUnderSubtitles() {
        assertThat(JobEvent.source("downloader", "host-7f9c")).isEqualTo(URI.create("/subtitles/downloader/host-7f9c"));
    }

    @Test
    void sourceEncodesCharactersNotAllowedInAPath() {
        assertThat(JobEvent.source("downloader", "my host").toString()).isEqualTo("/subtitles/downloader/my%20host");
    }

    @Test
    void sourceRejectsAPartWithASlash() {
        assertThatIllegalArgumentException().isThrownBy(() -> JobEvent.source("downloader", "a/b"))
                .withMessageContaining("instance");
    }

    private static JobEvent<DownloadRequested> request(Priority priority) {
        return JobEvent.create(JOB_ID, Tenants.DEFAULT, EventSamples.SOURCE,
                new DownloadRequested(VideoRef.titled("Heat"), "en", List.of(), SubtitleFormat.SRT, null, priority));
    }
}
