package dev.subtitles.manager.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.subtitles.auth.Roles;
import dev.subtitles.auth.testing.TestTokens;
import dev.subtitles.common.event.payload.DownloadStarted;
import dev.subtitles.manager.support.Jobs;
import dev.subtitles.manager.support.Projection;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Each tenant sees only its own jobs, on every read route: another tenant's job answers exactly as an unknown one
 * (404, the same body), never 403.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class TenantIsolationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI base;

    @Inject
    Projection projection;

    private final Callers a = Callers.ofNewTenant();
    private final Callers b = Callers.ofNewTenant();

    @AfterEach
    void clearProjection() {
        projection.clear();
    }

    @Test
    void listShowsEachTenantOnlyItsOwnJobs() {
        UUID ofA = a.submit("Tenant A's film");
        UUID ofB = b.submit("Tenant B's film");

        a.viewer().get("/jobs").then().statusCode(200).body("jobs.id", contains(ofA.toString()));
        b.viewer().get("/jobs").then().statusCode(200).body("jobs.id", contains(ofB.toString()));
    }

    @Test
    void phaseCountsCountOnlyTheTenantsJobs() {
        a.submit("Counted for A");
        a.submit("Counted for A too");
        b.submit("Counted for B");

        a.viewer().get("/jobs/phase-counts").then().statusCode(200).body("examined", is(2));
        b.viewer().get("/jobs/phase-counts").then().statusCode(200).body("examined", is(1));
    }

    @Test
    void anotherTenantsJobAnswersAsAnUnknownJobOnEveryReadRoute() {
        UUID ofB = b.submit("Only B's");
        for (String route : List.of("/jobs/%s", "/jobs/%s/events", "/jobs/%s/events?wait=5",
                "/jobs/%s/events/stream", "/jobs/%s/subtitle", "/jobs/%s/subtitle/source", "/subtitles/%s/events")) {
            Response unknown = a.viewer().get(route.formatted(UUID.randomUUID()));
            Response others = a.viewer().get(route.formatted(ofB));

            assertThat(others.statusCode()).as(route).isEqualTo(404);
            assertThat(others.contentType()).as(route).isEqualTo(unknown.contentType());
            assertThat(others.jsonPath().getMap("$")).as(route)
                    .containsEntry("type", unknown.jsonPath().getString("type"))
                    .containsEntry("title", unknown.jsonPath().getString("title"))
                    .containsEntry("detail", "no job with id '" + ofB + "'")
                    .containsOnlyKeys(unknown.jsonPath().getMap("$").keySet());
        }
    }

    @Test
    void ownJobIsReadOnEveryReadRoute() {
        UUID ofA = a.submit("A's own");

        a.viewer().get("/jobs/{id}", ofA).then().statusCode(200).body("id", is(ofA.toString()));
        a.viewer().get("/jobs/{id}/events", ofA).then().statusCode(200);
        a.viewer().get("/subtitles/{id}/events", ofA).then().statusCode(200);
        a.viewer().get("/jobs/{id}/subtitle", ofA).then().statusCode(409);
        a.viewer().get("/jobs/{id}/subtitle/source", ofA).then().statusCode(409);
    }

    @Test
    void anotherTenantsJobCannotBeCancelled() {
        UUID ofB = b.submit("B's to keep");

        a.submitter().delete("/jobs/{id}", ofB).then().statusCode(404)
                .body("detail", is("no job with id '" + ofB + "'"));
        b.viewer().get("/jobs/{id}", ofB).then().statusCode(200).body("phase", is("DOWNLOAD_QUEUED"));
        b.submitter().delete("/jobs/{id}", ofB).then().statusCode(202);
    }

    @Test
    void eventStreamOfAnotherTenantsJobIsNotFoundAndOfItsOwnStreams() throws Exception {
        UUID ofA = a.submit("A's streamed");
        UUID ofB = b.submit("B's streamed");

        assertThat(stream(a, ofB).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(404);
        CompletableFuture<HttpResponse<Stream<String>>> own = stream(a, ofA);
        projection.inRedis(ofA, new DownloadStarted(1, "downloader-1"));
        HttpResponse<Stream<String>> response = own.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().filter(line -> line.startsWith("id:")).findFirst()).hasValue("id:1");
    }

    @Test
    void webSocketOfAnotherTenantsJobClosesAsForAnUnknownJob() throws Exception {
        UUID ofB = b.submit("B's live");

        Watcher others = Watcher.connect(base, a, ofB);
        Watcher unknown = Watcher.connect(base, a, UUID.randomUUID());

        assertThat(others.closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(4404)
                .isEqualTo(unknown.closeCode.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void webSocketOfItsOwnJobCarriesItsEvents() {
        UUID ofA = a.submit("A's live");

        Watcher own = Watcher.connect(base, a, ofA);
        projection.inRedis(ofA, new DownloadStarted(1, "downloader-1"));

        await().atMost(TIMEOUT).until(() -> own.messages.size() == 1);
        assertThat(own.closeCode).isNotDone();
        own.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    @Test
    void idempotencyKeysArePerTenant() {
        String key = "shared-key-" + UUID.randomUUID();
        String ofA = a.submitter().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Jobs.body("Same key")).post("/jobs").then().statusCode(202).extract().path("id");
        String ofB = b.submitter().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Jobs.body("Same key")).post("/jobs").then().statusCode(202).extract().path("id");
        String replayedForA = a.submitter().header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Jobs.body("Same key")).post("/jobs").then().statusCode(200).extract().path("id");

        assertThat(ofB).isNotEqualTo(ofA);
        assertThat(replayedForA).isEqualTo(ofA);
    }

    private CompletableFuture<HttpResponse<Stream<String>>> stream(Callers caller, UUID jobId) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/jobs/" + jobId + "/events/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", TestTokens.bearer(caller.tenant(), Roles.VIEWER)).build();
        return CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    }

    /** A WebSocket client of {@code /jobs/{id}/live} with a viewer's token. */
    private static final class Watcher implements WebSocket.Listener {

        final List<CharSequence> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        WebSocket socket;

        static Watcher connect(URI base, Callers caller, UUID jobId) {
            Watcher watcher = new Watcher();
            URI live = URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/jobs/" + jobId
                    + "/live");
            watcher.socket = CLIENT.newWebSocketBuilder()
                    .header("Authorization", TestTokens.bearer(caller.tenant(), Roles.VIEWER))
                    .buildAsync(live, watcher).join();
            return watcher;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            messages.add(data);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
