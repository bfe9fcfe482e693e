package dev.subtitles.downloader.messaging;

import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.JOB_FAILED;
import static dev.subtitles.common.event.EventType.RETRY_SCHEDULED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.RetryScheduled;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.store.SubtitleStore;
import dev.subtitles.downloader.config.DownloaderConfig;
import dev.subtitles.downloader.job.DownloadRequestHandler;
import dev.subtitles.downloader.support.EventProbe;
import dev.subtitles.downloader.support.InfrastructureProxies;
import dev.subtitles.downloader.support.InfrastructureProxies.InjectProxies;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The application reaches PostgreSQL and Redis through proxies this test cuts, while the real servers stay up for
 * everyone else: an infrastructure failure is retried with backoff, never dead-lettered or dropped.
 */
@QuarkusTest
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
@QuarkusTestResource(value = InfrastructureProxies.class, restrictToAnnotatedClass = true)
class InfrastructureOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @InjectProxies
    InfrastructureProxies.Proxies proxies;

    @Inject
    SubtitleStore store;

    @Inject
    MeterRegistry registry;

    @Inject
    DownloaderConfig config;

    private static boolean publishing;

    private EventProbe probe;

    /**
     * Connects once the application is up, and before the first test runs one job through it with nothing cut.
     * This class restarts the application (its own test resource), and after such a restart the first connection of
     * an outgoing channel has been seen to take up to a minute (the connector's connection timeout); a test that
     * cut a dependency meanwhile would be measuring that instead.
     */
    @BeforeEach
    void connectProbeToAPublishingApplication() {
        probe = new EventProbe();
        if (!publishing) {
            JobEvent<DownloadRequested> request = spanishFilm();
            probe.publish(request);
            assertThat(probe.awaitResult(request.jobId(), Duration.ofMinutes(2)).type()).isEqualTo(SUBTITLE_READY);
            publishing = true;
        }
    }

    @AfterEach
    void restoreAndClose() throws IOException, TimeoutException {
        proxies.restoreAll();
        probe.close();
    }

    private static JobEvent<DownloadRequested> spanishFilm() {
        return EventProbe.request(new VideoRef(TestLibrary.SPANISH_ONLY, 2019, null, null, null, null, null, null),
                "es");
    }

    private <P> List<P> payloads(UUID jobId, Class<P> type) {
        return probe.eventsOf(jobId).stream().map(JobEvent::payload).filter(type::isInstance).map(type::cast)
                .toList();
    }

    private long deadLetters() throws IOException {
        return probe.channel().messageCount(TestBroker.DLQ);
    }

    private double deferrals() {
        return registry.counter("downloader.attempts", "outcome", "deferred").count();
    }

    @Test
    void subtitleThatCannotBeStoredWhilePostgresIsAwayIsRetriedAndStoredOnceItIsBack() throws IOException {
        JobEvent<DownloadRequested> request = spanishFilm();
        UUID jobId = request.jobId();
        proxies.postgres().cut();

        probe.publish(request);
        await().atMost(WAIT).until(() -> probe.typesOf(jobId).contains(RETRY_SCHEDULED));
        proxies.postgres().restore();

        assertThat(probe.awaitResult(jobId, WAIT).type()).isEqualTo(SUBTITLE_READY);
        assertThat(probe.typesOf(jobId)).startsWith(DOWNLOAD_STARTED, RETRY_SCHEDULED)
                .endsWith(DOWNLOAD_STARTED, SUBTITLE_READY).containsOnlyOnce(SUBTITLE_READY).doesNotContain(JOB_FAILED);
        RetryScheduled retry = payloads(jobId, RetryScheduled.class).get(0);
        assertThat(retry.stage()).isEqualTo(Stage.DOWNLOAD);
        assertThat(retry.attempt()).isEqualTo(1);
        assertThat(retry.error()).startsWith("internal error: ");
        SubtitleReady ready = payloads(jobId, SubtitleReady.class).get(0);
        assertThat(store.findById(ready.fileId()).await().atMost(Duration.ofSeconds(5)).content())
                .contains("Las manzanas caen");
        assertThat(deadLetters()).isZero();
    }

    @Test
    void postgresAwayThroughEveryAttemptFailsTheJobAsInfrastructureUnavailable() throws IOException {
        JobEvent<DownloadRequested> request = spanishFilm();
        UUID jobId = request.jobId();
        int attempts = config.retry().maxAttempts();
        proxies.postgres().cut();

        probe.publish(request);

        assertThat(probe.awaitResult(jobId, WAIT).type()).isEqualTo(JOB_FAILED);
        JobFailed failed = payloads(jobId, JobFailed.class).get(0);
        assertThat(failed.errorCode()).isEqualTo(DownloadRequestHandler.INFRASTRUCTURE_UNAVAILABLE);
        assertThat(failed.message()).contains(attempts + " tries", "Submit the job again later");
        assertThat(probe.typesOf(jobId)).filteredOn(DOWNLOAD_STARTED::equals).hasSize(attempts);
        assertThat(probe.typesOf(jobId)).filteredOn(RETRY_SCHEDULED::equals).hasSize(attempts - 1);
        assertThat(deadLetters()).isZero();
    }

    @Test
    void attemptThatCannotBeClaimedWhileRedisIsAwayIsDeferredAndRunsOnceRedisIsBack() throws IOException {
        JobEvent<DownloadRequested> request = spanishFilm();
        UUID jobId = request.jobId();
        double deferredBefore = deferrals();
        proxies.redis().cut();

        probe.publish(request);
        await().atMost(WAIT).until(() -> deferrals() > deferredBefore);
        assertThat(probe.eventsOf(jobId)).isEmpty();
        proxies.redis().restore();

        assertThat(probe.awaitResult(jobId, WAIT).type()).isEqualTo(SUBTITLE_READY);
        assertThat(probe.typesOf(jobId)).containsExactly(DOWNLOAD_STARTED, SUBTITLE_READY);
        assertThat(deadLetters()).isZero();
    }

    @Test
    void redisAwayThroughEveryDeferralPublishesNothingAndTheJobRunsOnceRedisIsBack() throws IOException {
        JobEvent<DownloadRequested> request = spanishFilm();
        UUID jobId = request.jobId();
        double deferredBefore = deferrals();
        proxies.redis().cut();

        probe.publish(request);
        await().atMost(WAIT).until(() -> deferrals() >= deferredBefore + config.retry().maxAttempts());
        assertThat(probe.eventsOf(jobId)).as("nothing decided, nothing published").isEmpty();
        proxies.redis().restore();

        assertThat(probe.awaitResult(jobId, WAIT).type()).isEqualTo(SUBTITLE_READY);
        assertThat(probe.typesOf(jobId)).containsExactly(DOWNLOAD_STARTED, SUBTITLE_READY);
        assertThat(deadLetters()).isZero();
    }
}
