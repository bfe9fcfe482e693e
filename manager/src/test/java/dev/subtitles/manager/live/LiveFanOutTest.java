package dev.subtitles.manager.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.tenant.Tenants;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

@QuarkusTest
class LiveFanOutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveProgress progress;

    @Inject
    LiveConfig liveConfig;

    @Inject
    Projection projection;

    @AfterEach
    void clear() {
        projection.clear();
    }

    @Test
    void twoHundredWatchersOfOneJobEachGetEveryEventExactlyOnceInOrder() throws Exception {
        UUID job = Jobs.submit("Popular");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        List<WsWatcher> watchers = new ArrayList<>();
        List<CompletableFuture<?>> handshakes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            WsWatcher watcher = new WsWatcher();
            watchers.add(watcher);
            handshakes.add(WsWatcher.watchAsync(base, job, watcher));
        }
        CompletableFuture.allOf(handshakes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        for (int attempt = 2; attempt <= 20; attempt++) {
            projection.inRedis(job, new DownloadStarted(attempt, "downloader-1"));
        }
        projection.inRedis(job, LiveEvents.ready());

        for (WsWatcher watcher : watchers) {
            assertThat(watcher.closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
            assertThat(watcher.seqs()).containsExactlyElementsOf(LongStream.rangeClosed(1, 21).boxed().toList());
            assertThat(watcher.end()).isPresent();
        }
    }

    @Test
    void clientsConnectingWhileEventsAreProjectedGetHistoryThenLiveWithoutGapsOrDuplicates() throws Exception {
        UUID job = Jobs.submit("Busy");
        int events = 200;
        List<WsWatcher> webSockets = new ArrayList<>();
        List<SseWatcher> streams = new ArrayList<>();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            for (int attempt = 1; attempt < events; attempt++) {
                projection.inRedis(job, new DownloadStarted(attempt, "downloader-1"));
            }
        });
        while (!producer.isDone() && webSockets.size() < 10) {
            webSockets.add(WsWatcher.watch(base, job));
            streams.add(SseWatcher.watch(base, job, null));
        }
        producer.get();
        projection.inRedis(job, LiveEvents.ready());

        List<Long> all = LongStream.rangeClosed(1, events).boxed().toList();
        assertThat(webSockets).isNotEmpty();
        for (WsWatcher watcher : webSockets) {
            assertThat(watcher.closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
            assertThat(watcher.seqs()).containsExactlyElementsOf(all);
        }
        for (SseWatcher watcher : streams) {
            watcher.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(watcher.seqs()).containsExactlyElementsOf(all);
        }
    }

    @Test
    void subscriberThatStopsTakingEventsIsDisconnectedOnceItsBufferIsFull() {
        UUID job = Jobs.submit("Slow reader");
        AssertSubscriber<LiveMessage> slow = progress.watch(Tenants.DEFAULT, job.toString(), 0)
                .subscribe().withSubscriber(AssertSubscriber.create(1));
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        slow.awaitItems(1, Duration.ofSeconds(10));

        for (int attempt = 2; attempt <= liveConfig.bufferSize() + 2; attempt++) {
            projection.inRedis(job, new DownloadStarted(attempt, "downloader-1"));
        }

        slow.awaitFailure(Duration.ofSeconds(10)).assertFailedWith(SlowClientException.class);
        assertThat(slow.getItems()).hasSize(1);
    }
}
