package dev.subtitles.downloader.job;

import static dev.subtitles.common.event.EventType.DOWNLOAD_STARTED;
import static dev.subtitles.common.event.EventType.SUBTITLE_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * A packaged downloader is frozen (SIGSTOP) in the middle of a job, beyond its claim lease; a second instance gets a
 * copy of the request, takes the attempt over once the lease ran out and publishes the result. When the frozen one
 * goes on (SIGCONT), its heartbeat or its fence finds the claim lost and its late result is not published. The frozen
 * instance takes one message at a time, so the copy goes to the other. The run uses its own exchange, queue and Redis
 * key names and an OpenSubtitles stub whose search takes a few seconds; it removes them at the end.
 */
class ZombieInstanceIT {

    private static final IsolatedRun RUN = new IsolatedRun("zombie" + UUID.randomUUID().toString().substring(0, 8));
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET = Duration.ofSeconds(8);

    private static final Map<String, String> environment = RUN.environment();
    private static WireMockServer openSubtitles;
    private static EventProbe probe;
    private static DownloaderProcess zombie;
    private static DownloaderProcess other;
    private static UUID jobId;

    @BeforeAll
    static void stubOpenSubtitles() {
        openSubtitles = NightFerry.openSubtitles(6000);
        environment.put("DOWNLOADER_REDIS_CLAIM_LEASE", LEASE.toSeconds() + "S");
        environment.putAll(NightFerry.environment(openSubtitles));
    }

    @AfterAll
    static void stopAndCleanUp() throws Exception {
        if (zombie != null) {
            zombie.resume();
            zombie.close();
        }
        if (other != null) {
            other.close();
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
    void frozenInstanceTakenOverDoesNotPublishItsLateResult() throws Exception {
        Map<String, String> oneAtATime = new LinkedHashMap<>(environment);
        oneAtATime.putAll(Map.of("DOWNLOADER_CONCURRENCY", "1", "DOWNLOADER_PREFETCH", "1"));
        zombie = DownloaderProcess.start(RUN.name() + "-zombie", oneAtATime);
        zombie.awaitReady();
        probe = new EventProbe(RUN.exchange());
        JobEvent<DownloadRequested> request = NightFerry.request();
        jobId = request.jobId();

        probe.publish(request);
        await().atMost(WAIT).until(() -> probe.typesOf(jobId).contains(DOWNLOAD_STARTED));
        zombie.pause();
        other = DownloaderProcess.start(RUN.name() + "-other", environment);
        other.awaitReady();
        probe.publish(request);
        JobEvent<?> result = probe.awaitResult(jobId, WAIT);
        zombie.resume();

        await().atMost(WAIT).until(() -> attempts(zombie, "taken-over") >= 1);
        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .until(() -> probe.typesOf(jobId).stream().filter(SUBTITLE_READY::equals).count() == 1);
        assertThat(result.type()).isEqualTo(SUBTITLE_READY);
        assertThat(result.source().toString()).endsWith("/" + other.instance());
        assertThat(probe.channel().messageCount(RUN.deadLetterQueue())).isZero();
    }

    /** {@code downloader.attempts} with {@code outcome} on {@code instance}'s Prometheus page. */
    private static double attempts(DownloaderProcess instance, String outcome) throws Exception {
        Matcher matcher = Pattern.compile("^downloader_attempts_total\\{[^}]*outcome=\"" + Pattern.quote(outcome)
                + "\"[^}]*} ([0-9.E+-]+)", Pattern.MULTILINE).matcher(instance.metrics());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
