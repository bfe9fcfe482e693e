package dev.subtitles.manager.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.tenant.Tenants;
import dev.subtitles.manager.limits.LiveConnectionLimits;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The live connection cap per tenant, through both transports: SSE answers 429, the WebSocket closes with 1013. */
@QuarkusTest
@TestProfile(LiveConnectionCapTest.OneLiveConnection.class)
class LiveConnectionCapTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    public static class OneLiveConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("manager.limits.live-connections-per-tenant", "1");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    Projection projection;

    @Inject
    LiveConnectionLimits limits;

    @AfterEach
    void clear() {
        projection.clear();
    }

    @Test
    void aTenantWithAllItsLiveConnectionsOpenIsRefusedUntilOneCloses() throws Exception {
        UUID job = Jobs.submit("Live connection cap");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        WsWatcher first = new WsWatcher();
        WebSocket socket = WsWatcher.watchAsync(base, job, first).join();
        await().atMost(TIMEOUT).until(() -> first.seqs().size() == 1);

        SseWatcher refusedStream = SseWatcher.watch(base, job, null);
        refusedStream.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(refusedStream.status).isEqualTo(429);
        assertThat(refusedStream.contentType).startsWith("application/problem+json");
        assertThat(refusedStream.body).contains("live connections");
        WsWatcher refusedSocket = WsWatcher.watch(base, job);
        assertThat(refusedSocket.closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1013);

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        await().atMost(TIMEOUT).until(() -> limits.open(Tenants.DEFAULT) == 0);
        SseWatcher admitted = SseWatcher.watch(base, job, null);
        await().atMost(TIMEOUT).until(() -> admitted.seqs().size() == 1);
        projection.inRedis(job, LiveEvents.ready());
        admitted.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        await().atMost(TIMEOUT).until(() -> limits.open(Tenants.DEFAULT) == 0);
    }
}
