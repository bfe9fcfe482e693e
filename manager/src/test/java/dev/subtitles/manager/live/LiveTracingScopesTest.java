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

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.testing.TracingScopeReports;
import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Live clients leave the tracing context as they found it: no span scope is closed twice or out of order when a
 * client connects, is sent its job's events and is closed. Quarkus logs each such scope: with 1,000 clients that
 * was one line per opened WebSocket and three per closed one, 3,000 in the second when the jobs ended.
 */
@QuarkusTest
class LiveTracingScopesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TestHTTPResource("/")
    URI base;

    @Inject
    RedisDataSource redis;

    @Inject
    ManagerConfig config;

    Projection projection;
    TracingScopeReports reports;

    @BeforeEach
    void listen() {
        projection = new Projection(redis, config.projection().keyPrefix().orElse(""), config.projection().eventLogSchema());
        reports = TracingScopeReports.record();
    }

    @AfterEach
    void clear() {
        reports.close();
        projection.clear();
    }

    @Test
    void aWebSocketClientFromConnectToCloseLeavesNoScopeOpen() throws Exception {
        UUID job = Jobs.submit("Scopes over WebSocket");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));

        WsWatcher watcher = WsWatcher.watch(base, job);
        await().atMost(TIMEOUT).until(() -> watcher.seqs().size() == 1);
        projection.inRedis(job, LiveEvents.ready());

        assertThat(watcher.closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(watcher.seqs()).containsExactly(1L, 2L);
        assertThat(reports.messages()).isEmpty();
    }

    @Test
    void anSseClientFromConnectToEndLeavesNoScopeOpen() throws Exception {
        UUID job = Jobs.submit("Scopes over SSE");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));

        SseWatcher watcher = SseWatcher.watch(base, job, null);
        await().atMost(TIMEOUT).until(() -> watcher.seqs().size() == 1);
        projection.inRedis(job, LiveEvents.ready());

        watcher.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(watcher.seqs()).containsExactly(1L, 2L);
        assertThat(reports.messages()).isEmpty();
    }
}
