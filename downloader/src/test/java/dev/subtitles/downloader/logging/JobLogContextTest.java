package dev.subtitles.downloader.logging;

import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.logging.CapturedLogs;
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
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The job id in the MDC of the lines logged while a delivery is handled, after the hops of its pipeline: Redis (the
 * claim), the broker's confirm of {@code subtitle.download.started}, the provider's HTTP answer, Redis again (the
 * decision).
 */
@QuarkusTest
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
class JobLogContextTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    JobOutcomes outcomes;

    @Inject
    RedisDataSource redis;

    @Inject
    DownloaderConfig config;

    @InjectWireMock
    WireMockServer wireMock;

    private final EventProbe probe = new EventProbe();
    private final TrackedJobs jobs = new TrackedJobs();
    private CapturedLogs logs;

    @BeforeEach
    void capture() {
        logs = CapturedLogs.of("dev.subtitles");
    }

    @AfterEach
    void stopCapturing() throws IOException, TimeoutException {
        logs.close();
        probe.close();
        jobs.removeKeys(redis, config, outcomes);
    }

    @Test
    void linesLoggedWhileAJobIsProcessedCarryItsJobId() {
        JobEvent<DownloadRequested> request = jobs.track(SlowSearches.request(wireMock, 1500));

        probe.publish(request);
        await().atMost(WAIT).until(() -> probe.typesOf(request.jobId()).contains(DOWNLOAD_STARTED));
        outcomes.decide(request.jobId(), Outcome.CANCELLED).await().atMost(Duration.ofSeconds(5));

        await().atMost(WAIT).until(() -> logs.naming(request.jobId()).stream()
                .anyMatch(line -> line.message().contains("nothing")));
        assertThat(logs.naming(request.jobId())).allSatisfy(line -> assertThat(line.jobId()).as(line.message())
                .isEqualTo(request.jobId().toString()));
    }
}
