package dev.subtitles.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.CancelRequested;
import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.TranslateStarted;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.format.SubtitleFormat;
import dev.subtitles.common.tenant.Tenants;
import dev.subtitles.common.testing.LocalRedis;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/**
 * The writer and the fold of the job hash agree: projecting a job's events in order through the script, against the
 * local Redis under a key prefix of its own, leaves the hash {@link JobHash#of} computes for them.
 */
class ProjectionScriptTest {

    private static final ProjectionKeys KEYS = new ProjectionKeys("test:common:projection:" + UUID.randomUUID() + ":");
    private static final URI SOURCE = JobEvent.source("downloader", "test-host");
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    static final LocalRedis REDIS = new LocalRedis();

    private final ReactiveRedisDataSource redis = REDIS.dataSource();
    private final ProjectionScript script = new ProjectionScript(KEYS, 1000, Duration.ofMinutes(5));
    private final UUID job = UUID.randomUUID();

    @AfterEach
    void deleteKeys() {
        redis.execute("DEL", KEYS.job(job), KEYS.history(job)).await().atMost(WAIT);
    }

    @Test
    void downloadedJobHasItsResultAndNewestEvent() {
        assertProjectionMatchesFold(List.of(new DownloadStarted(1, "downloader-1"),
                new SubtitleReady(UUID.randomUUID(), "opensubtitles", "pt-BR", 0.9, List.of(), SubtitleFormat.SRT)));
    }

    @Test
    void translatedJobHasItsEngineAndNoModelWhenTheEngineNamesNone() {
        assertProjectionMatchesFold(List.of(new TranslateStarted(1, "apertium"),
                new Translated(UUID.randomUUID(), "apertium", null, 12, "en", "es", SubtitleFormat.SRT)));
    }

    @Test
    void lateFailureAfterTheResultChangesOnlyTheNewestEvent() {
        assertProjectionMatchesFold(List.of(
                new SubtitleReady(UUID.randomUUID(), "library", "en", 1.0, List.of(), SubtitleFormat.VTT),
                new JobFailed(Stage.DOWNLOAD, "provider-error", "too late")));
    }

    @Test
    void cancelledJobKeepsNoErrorFields() {
        assertProjectionMatchesFold(List.of(new DownloadStarted(1, "downloader-1"), new CancelRequested("no longer")));
    }

    @Test
    void jobBelongsToTheTenantItsEventsCarry() {
        List<JobEvent<?>> events = List.of(JobEvent.create(job, "tenant-a", SOURCE, new DownloadStarted(1, "d-1")),
                JobEvent.create(job, "tenant-a", SOURCE,
                        new SubtitleReady(UUID.randomUUID(), "library", "en", 1.0, List.of(), SubtitleFormat.SRT)));

        project(events);

        assertThat(hash()).containsEntry(JobHash.TENANT, "tenant-a").isEqualTo(JobHash.of(events));
    }

    @Test
    void laterEventNamingAnotherTenantDoesNotMoveTheJob() {
        List<JobEvent<?>> events = List.of(JobEvent.create(job, "tenant-a", SOURCE, new DownloadStarted(1, "d-1")),
                JobEvent.create(job, "tenant-b", SOURCE, new CancelRequested("not yours")));

        project(events);

        assertThat(hash()).containsEntry(JobHash.TENANT, "tenant-a").isEqualTo(JobHash.of(events));
    }

    private void assertProjectionMatchesFold(List<EventPayload> payloads) {
        List<JobEvent<?>> events = new ArrayList<>();
        for (EventPayload payload : payloads) {
            events.add(JobEvent.create(job, Tenants.DEFAULT, SOURCE, payload));
        }

        project(events);

        assertThat(hash()).containsEntry(JobHash.TENANT, Tenants.DEFAULT).isEqualTo(JobHash.of(events));
    }

    /** Projects {@code events} in order through the script, numbered 1, 2, ... as the fold numbers them. */
    private void project(List<JobEvent<?>> events) {
        long seq = 0;
        for (JobEvent<?> event : events) {
            HistoryEntry entry = new HistoryEntry(++seq, "{\"id\":\"" + event.id() + "\"}");
            ProjectionScript.SCRIPT.run(redis, ProjectionScript.KEY_COUNT,
                    script.call(event, entry, event.time().toString(), false)).await().atMost(WAIT);
        }
    }

    private Map<String, String> hash() {
        return redis.hash(String.class).hgetall(KEYS.job(job)).await().atMost(WAIT);
    }
}
