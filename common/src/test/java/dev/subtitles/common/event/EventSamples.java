package dev.subtitles.common.event;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.subtitles.common.event.payload.CancelRequested;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.JobCancelled;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.event.payload.RetryScheduled;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.SubtitleUpgraded;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.event.payload.TranslateStarted;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.event.payload.UpgradeChecked;
import dev.subtitles.common.event.payload.UpgradeRequested;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.tenant.Tenants;

/** A realistic event of every type, for tests here and in the services (shipped in the common test-jar). */
public final class EventSamples {

    public static final URI SOURCE = JobEvent.source("test", "instance-1");
    public static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private EventSamples() {
    }

    /** A payload of {@code type} with every field filled in, optional ones included. */
    public static EventPayload payload(EventType type) {
        return switch (type) {
            case DOWNLOAD_REQUESTED -> new DownloadRequested(
                    new VideoRef("The Matrix", 1999, "tt0133093", 603, null, null, "8e245d9679d31e12", null),
                    "de", List.of("opensubtitles", "podnapisi"), SubtitleFormat.VTT, Boolean.FALSE, Priority.HIGH);
            case DOWNLOAD_STARTED -> new DownloadStarted(1, "downloader-7f9c");
            case SUBTITLE_READY -> new SubtitleReady(UUID.fromString("0b7e2a43-55a4-4c8e-9f0a-3d1f2b6c7e11"),
                    "opensubtitles", "de", 0.93, List.of("imdbId", "fileHash"), SubtitleFormat.SRT);
            case TRANSLATE_REQUESTED -> new TranslateRequested(UUID.fromString("6f1c0d2e-8a3b-4c5d-9e7f-1a2b3c4d5e6f"),
                    "en", "de", SubtitleFormat.VTT, "opensubtitles", Priority.HIGH);
            case TRANSLATE_STARTED -> new TranslateStarted(2, "libretranslate");
            case TRANSLATED -> new Translated(UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"), "openai",
                    "gpt-4o-mini", 1342, "en", "de", SubtitleFormat.VTT);
            case RETRY_SCHEDULED -> new RetryScheduled(Stage.DOWNLOAD, 2, Instant.parse("2026-11-25T14:02:00.5Z"),
                    "opensubtitles answered 503");
            case JOB_FAILED -> new JobFailed(Stage.TRANSLATE, "RETRIES_EXHAUSTED", "the translation engine kept failing");
            case CANCEL_REQUESTED -> new CancelRequested("requested by the client");
            case JOB_CANCELLED -> new JobCancelled("requested by the client");
            case UPGRADE_REQUESTED -> new UpgradeRequested(
                    new VideoRef("The Matrix", 1999, null, null, null, null, null, "https://example.org/The.Matrix.mkv"),
                    "de", List.of("opensubtitles"), SubtitleFormat.SRT, Boolean.TRUE,
                    UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"), 2, 160.0, false, 3);
            case SUBTITLE_UPGRADED -> new SubtitleUpgraded(UUID.fromString("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"), 3,
                    "opensubtitles", "de", 590.0, List.of("imdb_id", "title"), SubtitleFormat.SRT, 2, 160.0, false);
            case UPGRADE_CHECKED -> new UpgradeChecked(2, 160.0, false, 4, 160.0, List.of("opensubtitles: 503"));
        };
    }

    /** A new event of {@code type} about a random job, without trace context. */
    public static JobEvent<EventPayload> event(EventType type) {
        return JobEvent.create(UUID.randomUUID(), Tenants.DEFAULT, SOURCE, payload(type));
    }

    /** One event of every type. */
    public static List<JobEvent<EventPayload>> oneOfEachType() {
        return List.of(EventType.values()).stream().map(EventSamples::event).toList();
    }
}
