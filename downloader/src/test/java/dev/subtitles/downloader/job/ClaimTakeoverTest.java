package dev.subtitles.downloader.job;

import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
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
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.outcome.JobOutcomes;
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
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Claims left by other consumers, as the running application meets them: a claim of a previous incarnation of this
 * instance, one of another instance that stopped renewing it, and its own claim taken over while it runs.
 */
@QuarkusTest
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
class ClaimTakeoverTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofSeconds(4);

    @Inject
    RedisDataSource redis;

    @Inject
    JobOutcomes outcomes;

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

    private String claimKey(UUID job) {
        return TrackedJobs.claimKey(config, job);
    }

    /** A claim on attempt 1 as {@code instance} would hold it, with {@code lease} left. */
    private void claimAs(UUID job, String instance, Duration lease) {
        redis.value(String.class).set(claimKey(job), "running:" + UUID.randomUUID() + ":" + UUID.randomUUID() + ":"
                + instance, new SetArgs().px(lease));
    }

    private double attempts(String outcome) {
        return registry.counter("downloader.attempts", "outcome", outcome).count();
    }

    @Test
    void claimLeftByAPreviousIncarnationOfThisInstanceIsTakenOverAtOnce() {
        JobEvent<DownloadRequested> request = jobs.spanishFilm();
        claimAs(request.jobId(), config.instance(), Duration.ofMinutes(5));

        probe.publish(request);

        assertThat(probe.awaitResult(request.jobId(), WAIT).type()).isEqualTo(SUBTITLE_READY);
        assertThat(probe.typesOf(request.jobId())).containsExactly(DOWNLOAD_STARTED, SUBTITLE_READY);
    }

    @Test
    void claimOfAnotherInstanceThatStoppedRenewingIsTakenOverWhenItsLeaseRunsOut() {
        JobEvent<DownloadRequested> request = jobs.spanishFilm();
        claimAs(request.jobId(), "vanished-instance", Duration.ofSeconds(2));
        double busy = attempts("busy");

        probe.publish(request);

        assertThat(probe.awaitResult(request.jobId(), WAIT).type()).isEqualTo(SUBTITLE_READY);
        assertThat(attempts("busy")).isGreaterThan(busy);
        assertThat(probe.typesOf(request.jobId())).containsExactly(DOWNLOAD_STARTED, SUBTITLE_READY);
    }

    @Test
    void attemptTakenOverWhileItRunsPublishesNoLateResultAndDecidesNothing() {
        JobEvent<DownloadRequested> request = jobs.track(SlowSearches.request(wireMock, 2000));
        double takenOver = attempts("taken-over");

        probe.publish(request);
        await().atMost(WAIT).until(() -> probe.typesOf(request.jobId()).contains(DOWNLOAD_STARTED));
        claimAs(request.jobId(), "new-holder", Duration.ofMinutes(1));

        await().atMost(WAIT).until(() -> attempts("taken-over") > takenOver);
        await().during(QUIET).atMost(QUIET.plusSeconds(2))
                .until(() -> probe.typesOf(request.jobId()).equals(List.of(DOWNLOAD_STARTED)));
        assertThat(outcomes.decided(request.jobId()).await().atMost(Duration.ofSeconds(5))).isEmpty();
    }
}
