package dev.subtitles.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.format.SubtitleFormat;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;

/**
 * Live progress with two manager instances behind one projection: the packaged event-consumer and two packaged
 * managers as separate processes. Jobs are submitted through a manager (its outbox publishes the first event); the
 * test then plays the downloader on the broker, so the real event-consumer projects as many events as it needs.
 */
class LiveProgressIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int CLIENTS_PER_KIND = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final E2eNames NAMES = E2eNames.withOwnDatabase();
    private static Stack stack;
    private static ExchangePublisher downloader;
    private static final Vertx CLIENT_LOOP = Vertx.vertx();
    private static final WebSocketClient WEB_SOCKETS = LiveSocket.client(CLIENT_LOOP, 100);

    @BeforeAll
    static void startStack() throws Exception {
        stack = Stack.start(NAMES.environment(), List.of("event-consumer", "manager"));
        stack.addInstance("manager", "manager-2", Map.of("MANAGER_INSTANCE", "manager-2"));
        downloader = ExchangePublisher.to(NAMES.exchange(), "e2e-live");
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (downloader != null) {
            downloader.close();
        }
        if (stack != null) {
            stack.close();
        }
        NAMES.delete();
        CLIENT_LOOP.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyClientOfEitherManagerGetsEveryEventOfTheJobOnceInOrderHistoryThenLive() throws Exception {
        UUID job = submit(manager(1), "The Lighthouse Clock");
        awaitEventCount(job, 1);
        for (int attempt = 1; attempt <= 5; attempt++) {
            downloader.publish(job, new DownloadStarted(attempt, "e2e-live"));
        }
        downloader.awaitConfirms();
        awaitEventCount(job, 6);

        List<LiveSocket> sockets = new ArrayList<>();
        List<SseStream> streams = new ArrayList<>();
        connect(job, sockets, streams);
        await().atMost(TIMEOUT).until(() -> sockets.stream().allMatch(socket -> socket.messages() >= 6)
                && streams.stream().allMatch(stream -> stream.received() >= 6));

        for (int attempt = 6; attempt <= 15; attempt++) {
            downloader.publish(job, new DownloadStarted(attempt, "e2e-live"));
            if (attempt == 10) {
                connect(job, sockets, streams);
            }
        }
        downloader.publish(job, new SubtitleReady(UUID.randomUUID(), "library", "es", 0.9, List.of(),
                SubtitleFormat.SRT));
        downloader.awaitConfirms();
        awaitEventCount(job, 17);

        List<Long> all = LongStream.rangeClosed(1, 17).boxed().toList();
        List<JsonNode> auditTrail = auditTrailOldestFirst(job);
        assertThat(sockets).hasSize(4 * CLIENTS_PER_KIND);
        for (LiveSocket socket : sockets) {
            assertThat(socket.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
            assertThat(socket.seqs()).containsExactlyElementsOf(all);
            assertThat(socket.received()).extracting(LiveSocket.Received::eventId)
                    .containsExactlyElementsOf(auditTrail.stream().map(entry -> entry.path("id").asText()).toList());
            assertThat(socket.endPhase()).isEqualTo("DONE");
        }
        for (SseStream stream : streams) {
            assertThat(stream.ended().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(stream.seqs()).containsExactlyElementsOf(all);
            assertThat(stream.entries()).map(LiveProgressIT::json).containsExactlyElementsOf(auditTrail);
            assertThat(stream.end()).isEqualTo("{\"phase\":\"DONE\"}");
        }
    }

    @Test
    void clientOfTheOtherManagerAfterTheJobEndedGetsTheWholeHistoryThenTheEnd() throws Exception {
        UUID job = submit(manager(1), "Paper Boats");
        awaitEventCount(job, 1);
        downloader.publish(job, new DownloadStarted(1, "e2e-live"));
        downloader.publish(job, new SubtitleReady(UUID.randomUUID(), "library", "es", 0.9, List.of(),
                SubtitleFormat.SRT));
        downloader.awaitConfirms();
        awaitEventCount(job, 3);

        LiveSocket socket = LiveSocket.connect(WEB_SOCKETS, manager(2), job).get(TIMEOUT.toSeconds(),
                TimeUnit.SECONDS);
        SseStream stream = SseStream.follow(manager(2), job);

        assertThat(socket.closed().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(socket.seqs()).containsExactly(1L, 2L, 3L);
        assertThat(socket.endPhase()).isEqualTo("DONE");
        assertThat(stream.ended().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(stream.entries()).map(LiveProgressIT::json).containsExactlyElementsOf(auditTrailOldestFirst(job));
    }

    /** {@link #CLIENTS_PER_KIND} WebSocket and as many SSE clients on each manager, handshakes done. */
    private static void connect(UUID job, List<LiveSocket> sockets, List<SseStream> streams) throws Exception {
        List<CompletableFuture<LiveSocket>> handshakes = new ArrayList<>();
        for (int instance = 1; instance <= 2; instance++) {
            for (int i = 0; i < CLIENTS_PER_KIND; i++) {
                handshakes.add(LiveSocket.connect(WEB_SOCKETS, manager(instance), job));
                streams.add(SseStream.follow(manager(instance), job));
            }
        }
        for (CompletableFuture<LiveSocket> handshake : handshakes) {
            sockets.add(handshake.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    private static URI manager(int instance) {
        return stack.service(instance == 1 ? "manager" : "manager-" + instance).baseUri();
    }

    private static UUID submit(URI manager, String title) {
        String id = given().baseUri(manager.toString()).contentType(ContentType.JSON)
                .body(Map.of("video", Map.of("title", title, "year", 2011), "language", "es"))
                .post("/jobs")
                .then().statusCode(202)
                .extract().path("id");
        return UUID.fromString(id);
    }

    /** Waits until both managers see {@code count} projected events of the job. */
    private static void awaitEventCount(UUID job, int count) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> eventCount(manager(1), job) == count
                && eventCount(manager(2), job) == count);
    }

    private static int eventCount(URI manager, UUID job) {
        return given().baseUri(manager.toString()).get("/jobs/{id}/events?limit=1", job)
                .then().statusCode(200).extract().path("eventCount");
    }

    /** The job's history entries as {@code GET /jobs/{id}/events} returns them, oldest first. */
    private static List<JsonNode> auditTrailOldestFirst(UUID job) {
        JsonNode page = given().baseUri(manager(1).toString()).get("/jobs/{id}/events?limit=100", job)
                .then().statusCode(200).extract().as(JsonNode.class);
        List<JsonNode> entries = new ArrayList<>();
        page.path("events").forEach(entry -> entries.add(0, entry));
        return entries;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
