package dev.subtitles.downloader.job;

import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.downloader.config.DownloaderConfig;
import dev.subtitles.downloader.support.EventProbe;
import dev.subtitles.downloader.support.InjectWireMock;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.SlowSearches;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import dev.subtitles.downloader.support.TrackedJobs;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** How a download attempt ends a job through {@link JobOutcomes}, with the real broker and Redis. */
@QuarkusTest
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
class JobOutcomeDecisionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Inject
    JobOutcomes outcomes;

    @Inject
    RedisDataSource redis;

    @Inject
    DownloaderConfig config;

    @Inject
    MeterRegistry registry;

    @InjectWireMock
    WireMockServer wireMock;

    private final EventProbe probe = new EventProbe();
    private final TrackedJobs jobs = new TrackedJobs();

    @AfterEach
    void closeProbeAndRemoveKeys() throws IOException, TimeoutException {
        probe.close();
        jobs.removeKeys(redis, config, outcomes);
    }

    private double attempts(String outcome) {
        return registry.counter("downloader.attempts", "outcome", outcome).count();
    }

    private Outcome decide(UUID job, Outcome outcome) {
        return outcomes.decide(job, outcome).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void jobWhoseCancellationStandsIsNotStartedAndItsRequestIsAcked() {
        JobEvent<DownloadRequested> request = jobs.spanishFilm();
        decide(request.jobId(), Outcome.CANCELLED);
        double skipped = attempts("skipped");

        probe.publish(request);

        await().atMost(WAIT).until(() -> attempts("skipped") > skipped);
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> probe.eventsOf(request.jobId()).isEmpty());
    }

    @Test
    void jobWhoseTimeOutStandsIsNotStarted() {
        JobEvent<DownloadRequested> request = jobs.spanishFilm();
        decide(request.jobId(), Outcome.TIMED_OUT);
        double skipped = attempts("skipped");

        probe.publish(request);

        await().atMost(WAIT).until(() -> attempts("skipped") > skipped);
        assertThat(probe.eventsOf(request.jobId())).isEmpty();
    }

    @Test
    void subtitleReadyIsPublishedWithTheJobDecidedFinished() {
        JobEvent<DownloadRequested> request = jobs.spanishFilm();

        probe.publish(request);

        assertThat(probe.awaitResult(request.jobId(), WAIT).type()).isEqualTo(SUBTITLE_READY);
        assertThat(outcomes.decided(request.jobId()).await().atMost(Duration.ofSeconds(5)))
                .isEqualTo(Optional.of(Outcome.FINISHED));
    }

    @Test
    void jobCancelledDuringItsAttemptPublishesNoResultAndNoCancellation() {
        JobEvent<DownloadRequested> request = jobs.track(SlowSearches.request(wireMock, 2000));
        double cancelled = attempts("cancelled");

        probe.publish(request);
        await().atMost(WAIT).until(() -> probe.typesOf(request.jobId()).contains(DOWNLOAD_STARTED));
        decide(request.jobId(), Outcome.CANCELLED);

        await().atMost(WAIT).until(() -> attempts("cancelled") > cancelled);
        assertThat(probe.typesOf(request.jobId())).containsExactly(DOWNLOAD_STARTED);
    }
}
