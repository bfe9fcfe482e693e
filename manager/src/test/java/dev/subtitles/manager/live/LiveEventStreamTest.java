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

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.CancelRequested;
import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.testing.TracingScopeReports;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LiveEventStreamTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

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
    void clientGetsTheHistoryThenLiveEventsThenAnEndEventAndTheStreamEnds() throws Exception {
        UUID job = Jobs.submit("Live over SSE");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));

        SseWatcher watcher = SseWatcher.watch(base, job, null);
        await().atMost(TIMEOUT).until(() -> watcher.seqs().size() == 1);
        projection.inRedis(job, new DownloadStarted(2, "downloader-2"));
        projection.inRedis(job, LiveEvents.ready());

        watcher.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(watcher.status).isEqualTo(200);
        assertThat(watcher.contentType).startsWith("text/event-stream");
        assertThat(watcher.seqs()).containsExactly(1L, 2L, 3L);
        assertThat(MAPPER.readTree(watcher.events.get(2).data()).get("type").asText()).isEqualTo("subtitle.ready");
        assertThat(MAPPER.readTree(watcher.events.get(0).data()).get("seq").asLong()).isEqualTo(1);
        assertThat(watcher.events).hasSize(4);
        assertThat(watcher.end()).hasValueSatisfying(end -> assertThat(end.data()).isEqualTo("{\"phase\":\"DONE\"}"));
        assertThat(scopes.messages()).as("tracing scopes closed twice or out of order").isEmpty();
    }

    @Test
    void aJobWhoseEndIsLoggedButNotYetInRedisIsFollowedUntilItsTerminalEventIsSent() throws Exception {
        UUID job = Jobs.submit("Ended in the log first");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        JobEvent<?> ready = projection.inEventLog(job, LiveEvents.ready());

        SseWatcher watcher = SseWatcher.watch(base, job, null);
        await().atMost(TIMEOUT).until(() -> watcher.seqs().size() == 1);
        await().during(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> !watcher.ended.isDone());
        projection.project(ready);

        watcher.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(watcher.seqs()).containsExactly(1L, 2L);
        assertThat(watcher.end()).hasValueSatisfying(end -> assertThat(end.data()).isEqualTo("{\"phase\":\"DONE\"}"));
    }

    @Test
    void lastEventIdResumesAfterThatEventWithoutSkippingOrRepeating() throws Exception {
        UUID job = Jobs.submit("Resumed");
        for (int attempt = 1; attempt <= 5; attempt++) {
            projection.inRedis(job, new DownloadStarted(attempt, "downloader-1"));
        }

        SseWatcher watcher = SseWatcher.watch(base, job, "2");
        await().atMost(TIMEOUT).until(() -> watcher.seqs().size() == 3);
        projection.inRedis(job, new CancelRequested("changed my mind"));

        watcher.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(watcher.seqs()).containsExactly(3L, 4L, 5L, 6L);
        assertThat(watcher.end()).hasValueSatisfying(end -> assertThat(end.data()).contains("CANCELLED"));
    }

    @Test
    void resumingAfterTheTerminalEventGetsOnlyTheEnd() throws Exception {
        UUID job = Jobs.submit("Already seen it all");
        projection.inRedis(job, new DownloadStarted(1, "downloader-1"));
        projection.inRedis(job, LiveEvents.ready());

        SseWatcher watcher = SseWatcher.watch(base, job, "2");

        watcher.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(watcher.seqs()).isEmpty();
        assertThat(watcher.end()).isPresent();
    }

    @Test
    void unknownJobIsNotFound() throws Exception {
        SseWatcher watcher = SseWatcher.watch(base, UUID.randomUUID(), null);

        watcher.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(watcher.status).isEqualTo(404);
        assertThat(watcher.contentType).startsWith("application/problem+json");
        assertThat(watcher.body).contains("job-not-found");
    }

    @Test
    void lastEventIdThatIsNoSequenceNumberIsABadRequest() throws Exception {
        UUID job = Jobs.submit("Bad resume");

        SseWatcher watcher = SseWatcher.watch(base, job, "yesterday");

        watcher.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(watcher.status).isEqualTo(400);
        assertThat(watcher.body).contains("Last-Event-ID");
    }

    @Test
    void idleStreamGetsKeepAliveComments() throws Exception {
        UUID job = Jobs.submit("Idle");

        SseWatcher watcher = SseWatcher.watch(base, job, null);

        // The test profile sends keep-alives every second.
        await().atMost(TIMEOUT).until(() -> watcher.comments.get() >= 2);
        projection.inRedis(job, LiveEvents.ready());
        watcher.ended.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(watcher.seqs()).containsExactly(1L);
    }
}
