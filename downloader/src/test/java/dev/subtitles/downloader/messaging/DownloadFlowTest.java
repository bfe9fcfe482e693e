package dev.subtitles.downloader.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.GetResponse;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.TranslateRequested;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.messaging.Topology;
import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.common.store.StoredSubtitleFile;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.common.testing.TracingScopeReports;
import dev.subtitles.downloader.job.SubtitleSearch;
import dev.subtitles.downloader.support.EventProbe;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
class DownloadFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    SubtitleStore store;

    @Inject
    RedisDataSource redis;

    @Inject
    ProjectionKeys keys;

    private final EventProbe probe = new EventProbe();

    @AfterEach
    void closeProbe() throws IOException, TimeoutException {
        probe.close();
    }

    private static VideoRef film(String title, int year) {
        return new VideoRef(title, year, null, null, null, null, null, null);
    }

    private StoredSubtitleFile stored(java.util.UUID fileId) {
        return store.findById(fileId).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void subtitleFoundInTheTargetLanguageMakesTheJobReady() {
        JobEvent<DownloadRequested> request = EventProbe.request(film(TestLibrary.SPANISH_ONLY, 2019), "es");

        probe.publish(request);

        JobEvent<?> result = probe.awaitResult(request.jobId(), WAIT);
        assertThat(probe.typesOf(request.jobId())).containsExactly(EventType.DOWNLOAD_STARTED,
                EventType.SUBTITLE_READY);
        SubtitleReady ready = (SubtitleReady) result.payload();
        assertThat(ready.provider()).isEqualTo("library");
        assertThat(ready.language()).isEqualTo("es");
        assertThat(ready.matched()).contains("title", "year");
        assertThat(stored(ready.fileId()).content()).contains("Las manzanas caen");
    }

    @Test
    void aJobLeavesNoTracingScopeBehind() {
        JobEvent<DownloadRequested> request = EventProbe.request(film(TestLibrary.SPANISH_ONLY, 2019), "es");

        try (TracingScopeReports reports = TracingScopeReports.record()) {
            probe.publish(request);
            probe.awaitResult(request.jobId(), WAIT);

            assertThat(reports.messages()).as("tracing scopes closed twice or out of order").isEmpty();
        }
    }

    @Test
    void subtitleFoundOnlyInEnglishIsStoredAndSentToTranslation() {
        JobEvent<DownloadRequested> request = EventProbe.request(film(TestLibrary.ENGLISH_ONLY, 2020), "de");

        probe.publish(request);

        JobEvent<?> result = probe.awaitResult(request.jobId(), WAIT);
        assertThat(result.type()).isEqualTo(EventType.TRANSLATE_REQUESTED);
        TranslateRequested translate = (TranslateRequested) result.payload();
        assertThat(translate.sourceLanguage()).isEqualTo("en");
        assertThat(translate.targetLanguage()).isEqualTo("de");
        StoredSubtitleFile source = stored(translate.sourceFileId());
        assertThat(source.language()).isEqualTo("en");
        assertThat(source.content()).contains("The fog keeps the harbour's secrets.");
    }

    @Test
    void nothingFoundAnywhereFailsTheJobWithAClearCode() {
        JobEvent<DownloadRequested> request = EventProbe.request(film("A Film Nobody Subtitled", 1999), "es");

        probe.publish(request);

        JobEvent<?> result = probe.awaitResult(request.jobId(), WAIT);
        assertThat(result.type()).isEqualTo(EventType.JOB_FAILED);
        JobFailed failed = (JobFailed) result.payload();
        assertThat(failed.errorCode()).isEqualTo(SubtitleSearch.NOT_FOUND);
        assertThat(failed.message()).contains("A Film Nobody Subtitled", "'es'");
    }

    @Test
    void windows1252FileIsStoredAsUtf8() {
        JobEvent<DownloadRequested> request = EventProbe.request(film(TestLibrary.LEGACY_CHARSETS, 2018), "fr");

        probe.publish(request);

        SubtitleReady ready = (SubtitleReady) probe.awaitResult(request.jobId(), WAIT).payload();
        assertThat(stored(ready.fileId()).content()).contains(TestLibrary.FRENCH_LINE);
    }

    @Test
    void utf16FileIsStoredAsUtf8() {
        JobEvent<DownloadRequested> request = EventProbe.request(film(TestLibrary.LEGACY_CHARSETS, 2018), "de");

        probe.publish(request);

        SubtitleReady ready = (SubtitleReady) probe.awaitResult(request.jobId(), WAIT).payload();
        assertThat(stored(ready.fileId()).content()).contains(TestLibrary.GERMAN_LINE).doesNotContain("\uFEFF");
    }

    @Test
    void garbageMessageGoesToTheDeadLetterQueueWithItsReasonAndTheNextJobIsStillProcessed() throws IOException {
        probe.publishRaw("this is not a cloud event".getBytes(StandardCharsets.UTF_8), "subtitle.download.requested");
        JobEvent<DownloadRequested> request = EventProbe.request(film(TestLibrary.SPANISH_ONLY, 2019), "es");
        probe.publish(request);

        await().atMost(WAIT).until(() -> probe.channel().messageCount(TestBroker.DLQ) > 0);
        GetResponse dead = probe.channel().basicGet(TestBroker.DLQ, true);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("this is not a cloud event");
        assertThat(dead.getProps().getHeaders().get(Topology.DEAD_LETTER_REASON_HEADER).toString())
                .startsWith("undecodable event");
        assertThat(probe.awaitResult(request.jobId(), WAIT).type()).isEqualTo(EventType.SUBTITLE_READY);
    }

    @Test
    void jobAlreadyCancelledIsNotStarted() {
        JobEvent<DownloadRequested> request = EventProbe.request(film(TestLibrary.SPANISH_ONLY, 2019), "es");
        String key = keys.job(request.jobId());
        redis.hash(String.class).hset(key, "phase", "CANCELLED");
        try {
            probe.publish(request);

            await().atMost(WAIT).until(() -> probe.channel().messageCount(TestBroker.QUEUE) == 0);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> probe.eventsOf(request.jobId()).isEmpty());
        } finally {
            redis.key().del(key);
        }
    }

    @Test
    void duplicateDeliveriesOfOneRequestCompleteTheJobOnce() {
        JobEvent<DownloadRequested> request = EventProbe.request(film(TestLibrary.SPANISH_ONLY, 2019), "es");

        probe.publish(request);
        probe.publish(request);
        probe.publish(request);

        probe.awaitResult(request.jobId(), WAIT);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8))
                .until(() -> probe.typesOf(request.jobId()).stream()
                        .filter(type -> type == EventType.SUBTITLE_READY).count() == 1);
        assertThat(probe.typesOf(request.jobId())).containsExactly(EventType.DOWNLOAD_STARTED,
                EventType.SUBTITLE_READY);
    }
}
