package dev.subtitles.manager.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.auth.testing.Management;
import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.testing.TracingScopeReports;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LiveWebSocketTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveConnections connections;

    @Inject
    Projection projection;

    TracingScopeReports scopes;

    @BeforeEach
    void recordScopes() {
        scopes = TracingScopeReports.record();
    }

    @AfterEach
    void clear() {
        scopes.close();
        projection.clear();
    }

    @Test
    void clientGetsTheHistoryThenLiveEventsThenAnEndMessageAndANormalClose() throws Exception {
        UUID job = Jobs.submit("Live over WebSocket");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        projection.inRedis(job, new DownloadStarted(2, "downloader-2"));

        WsWatcher watcher = WsWatcher.watch(base, job);
        await().atMost(TIMEOUT).until(() -> watcher.seqs().size() == 2);
        projection.inRedis(job, new DownloadStarted(3, "downloader-3"));
        projection.inRedis(job, LiveEvents.ready());

        assertThat(watcher.closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(watcher.seqs()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(watcher.messages.get(0).get("type").asText()).isEqualTo("subtitle.download.started");
        assertThat(watcher.messages.get(0).get("data").get("instance").asText()).isEqualTo("downloader-1");
        assertThat(watcher.messages.get(3).get("type").asText()).isEqualTo("subtitle.ready");
        assertThat(watcher.messages).hasSize(5);
        assertThat(watcher.end()).hasValueSatisfying(end -> assertThat(end.get("phase").asText()).isEqualTo("DONE"));
        assertThat(scopes.messages()).as("tracing scopes closed twice or out of order").isEmpty();
    }

    @Test
    void eventsWhoseAnnouncementWasLostStillReachTheClientWithinAKeepAliveInterval() throws Exception {
        UUID job = Jobs.submit("Lost announcement");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        WsWatcher watcher = WsWatcher.watch(base, job);
        await().atMost(TIMEOUT).until(() -> watcher.seqs().size() == 1);

        projection.inRedisUnannounced(job, new DownloadStarted(2, "downloader-2"));
        projection.inRedisUnannounced(job, LiveEvents.ready());

        assertThat(watcher.closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(watcher.seqs()).containsExactly(1L, 2L, 3L);
        assertThat(watcher.end()).hasValueSatisfying(end -> assertThat(end.get("phase").asText()).isEqualTo("DONE"));
    }

    @Test
    void jobAlreadyFinishedGetsItsHistoryAndTheEndAtOnce() throws Exception {
        UUID job = Jobs.submit("Finished before watching");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        projection.inRedis(job, new JobFailed(Stage.DOWNLOAD, "no-subtitle", "no provider has it"));

        WsWatcher watcher = WsWatcher.watch(base, job);

        assertThat(watcher.closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(watcher.seqs()).containsExactly(1L, 2L);
        assertThat(watcher.end()).hasValueSatisfying(end -> assertThat(end.get("phase").asText()).isEqualTo("FAILED"));
    }

    @Test
    void unknownJobIsClosedWithAReason() throws Exception {
        UUID unknown = UUID.randomUUID();

        WsWatcher watcher = WsWatcher.watch(base, unknown);

        assertThat(watcher.closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(4404);
        assertThat(watcher.closeReason).isEqualTo("job not found: " + unknown);
        assertThat(watcher.messages).isEmpty();
    }

    @Test
    void malformedJobIdIsClosedAsNotFound() throws Exception {
        WsWatcher watcher = WsWatcher.watch(base, "not-a-job");

        assertThat(watcher.closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(4404);
    }

    @Test
    void eventMissingFromThePubSubFeedIsReadFromTheStore() throws Exception {
        UUID job = Jobs.submit("Lost message");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        WsWatcher watcher = WsWatcher.watch(base, job);
        await().atMost(TIMEOUT).until(() -> watcher.seqs().size() == 1);

        // Recorded in the durable log only: no Redis entry, no pub/sub message; the next event reveals the gap.
        projection.inEventLog(job, new DownloadStarted(2, "downloader-2"));
        projection.inRedis(job, LiveEvents.ready());

        assertThat(watcher.closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(watcher.seqs()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void openConnectionsAreCountedInTheMetrics() throws Exception {
        UUID job = Jobs.submit("Counted");
        int before = connections.open(LiveConnections.Transport.WS);

        WsWatcher watcher = WsWatcher.watch(base, job);
        await().atMost(TIMEOUT).until(() -> connections.open(LiveConnections.Transport.WS) == before + 1);
        String metrics = Management.given().get("/q/metrics").asString();
        projection.inRedis(job, LiveEvents.ready());
        watcher.closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(metrics).contains("manager_live_connections{transport=\"ws\"}");
        await().atMost(TIMEOUT).until(() -> connections.open(LiveConnections.Transport.WS) == before);
    }
}
