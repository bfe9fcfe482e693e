package dev.subtitles.downloader.job;

import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.downloader.support.DownloaderProcess;
import dev.subtitles.downloader.support.EventProbe;
import dev.subtitles.downloader.support.IsolatedRun;
import dev.subtitles.downloader.support.NightFerry;

/**
 * The packaged downloader is killed (SIGKILL) in the middle of a job and started again under the same instance name:
 * the broker hands the unacked request to the new process, which takes over its previous incarnation's claim at once
 * instead of waiting out the lease (two minutes here, so waiting would show). The run uses its own exchange, queue
 * and Redis key names and an OpenSubtitles stub whose search takes a few seconds; it removes them at the end.
 */
class KilledInstanceIT {

    private static final IsolatedRun RUN = new IsolatedRun("kill" + UUID.randomUUID().toString().substring(0, 8));
    private static final String INSTANCE = "downloader-" + RUN.name();
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    private static final Map<String, String> environment = RUN.environment();
    private static WireMockServer openSubtitles;
    private static EventProbe probe;
    private static DownloaderProcess downloader;
    private static UUID jobId;

    @BeforeAll
    static void stubOpenSubtitles() {
        openSubtitles = NightFerry.openSubtitles(4000);
        environment.put("DOWNLOADER_REDIS_CLAIM_LEASE", LEASE.toSeconds() + "S");
        environment.putAll(NightFerry.environment(openSubtitles));
    }

    @AfterAll
    static void stopAndCleanUp() throws Exception {
        if (downloader != null) {
            downloader.close();
        }
        if (probe != null) {
            RUN.deleteTopology(probe.channel());
            probe.close();
        }
        RUN.deleteRedisKeys();
        if (jobId != null) {
            IsolatedRun.deleteStoredFiles(List.of(jobId));
        }
        openSubtitles.stop();
    }

    @Test
    void jobOfAKilledInstanceFinishesWithinSecondsOfItsRestart() throws Exception {
        downloader = DownloaderProcess.start(INSTANCE, INSTANCE + "-first", environment);
        downloader.awaitReady();
        probe = new EventProbe(RUN.exchange());
        JobEvent<DownloadRequested> request = NightFerry.request();
        jobId = request.jobId();

        probe.publish(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.typesOf(jobId).contains(DOWNLOAD_STARTED));
        downloader.kill();
        downloader = DownloaderProcess.start(INSTANCE, INSTANCE + "-restarted", environment);
        downloader.awaitReady();
        Instant ready = Instant.now();

        JobEvent<?> result = probe.awaitResult(jobId, RECOVERY);

        System.out.printf("KilledInstanceIT: result %s %d ms after the restarted instance was ready%n",
                result.type().routingKey(), Duration.between(ready, Instant.now()).toMillis());
        assertThat(result.type()).isEqualTo(SUBTITLE_READY);
        assertThat(probe.typesOf(jobId)).containsOnly(DOWNLOAD_STARTED, SUBTITLE_READY).containsOnlyOnce(SUBTITLE_READY);
        assertThat(probe.eventsOf(jobId).stream().filter(e -> e.type() == DOWNLOAD_STARTED).map(JobEvent::id)
                .distinct()).as("the attempt's started events, one id").hasSize(1);
        assertThat(probe.channel().messageCount(RUN.deadLetterQueue())).isZero();
    }
}
