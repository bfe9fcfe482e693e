package dev.subtitles.downloader.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.RetryScheduled;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.common.worker.EventIds;
import dev.subtitles.downloader.provider.ProviderThrottle;
import dev.subtitles.downloader.support.EventProbe;
import dev.subtitles.downloader.support.InjectWireMock;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
class OpenSubtitlesFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SRT = "1\n00:00:01,000 --> 00:00:02,500\nThe tide tables were wrong again.\n";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    ProviderThrottle throttle;

    @Inject
    RedisDataSource redis;

    @Inject
    ProjectionKeys keys;

    @Inject
    MeterRegistry registry;

    private final EventProbe probe = new EventProbe();

    @BeforeEach
    void forgetEarlierRequests() {
        wireMock.resetRequests();
    }

    @AfterEach
    void closeProbe() throws IOException, TimeoutException {
        probe.close();
    }

    private static JobEvent<DownloadRequested> request(String title, int year, String hash) {
        return EventProbe.request(new VideoRef(title, year, null, null, null, null, hash, null), "es");
    }

    private void stubFound(String title, int year, long fileId) {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/subtitles")).withQueryParam("query", equalTo(title.toLowerCase()))
                .willReturn(okJson(OpenSubtitlesStub.searchResult(fileId, "es", title, year, 5000, true))));
        stubDownload(fileId);
    }

    private void stubDownload(long fileId) {
        wireMock.stubFor(post(urlEqualTo("/api/v1/download")).withRequestBody(equalToJson("{\"file_id\":" + fileId + "}"))
                .willReturn(okJson(OpenSubtitlesStub.downloadLink(wireMock.baseUrl() + "/files/" + fileId + ".srt"))));
        wireMock.stubFor(get(urlEqualTo("/files/" + fileId + ".srt")).willReturn(aResponse().withBody(SRT)));
    }

    private static ScenarioMappingBuilder search(String query, String scenario) {
        return get(urlPathEqualTo("/api/v1/subtitles")).withQueryParam("query", equalTo(query)).inScenario(scenario);
    }

    private static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void searchSendsTheDocumentedHeadersAndSortedLowercaseParameters() {
        stubFound("Tide Tables", 2021, 501);
        JobEvent<DownloadRequested> request = request("Tide Tables", 2021, "8E245D9679D31E12");

        probe.publish(request);

        SubtitleReady ready = (SubtitleReady) probe.awaitResult(request.jobId(), WAIT).payload();
        assertThat(ready.provider()).isEqualTo("opensubtitles");
        assertThat(ready.matched()).contains("hash", "title", "year");
        wireMock.verify(getRequestedFor(urlEqualTo(
                "/api/v1/subtitles?languages=en,es&moviehash=8e245d9679d31e12&query=tide%20tables&year=2021"))
                .withHeader("Api-Key", equalTo(OpenSubtitlesStub.API_KEY))
                .withHeader("User-Agent", equalTo(OpenSubtitlesStub.USER_AGENT)));
    }

    @Test
    void serverErrorTwiceThenSuccessRetriesTwiceThenIsReady() {
        String title = "Salt Roads";
        wireMock.stubFor(search("salt roads", "flaky").whenScenarioStateIs(STARTED).willSetStateTo("failed once")
                .willReturn(aResponse().withStatus(500)));
        wireMock.stubFor(search("salt roads", "flaky").whenScenarioStateIs("failed once").willSetStateTo("failed twice")
                .willReturn(aResponse().withStatus(503)));
        wireMock.stubFor(search("salt roads", "flaky").whenScenarioStateIs("failed twice")
                .willReturn(okJson(OpenSubtitlesStub.searchResult(502, "es", title, 2017, 10, false))));
        stubDownload(502);
        JobEvent<DownloadRequested> request = request(title, 2017, null);

        probe.publish(request);

        assertThat(probe.awaitResult(request.jobId(), WAIT).type()).isEqualTo(EventType.SUBTITLE_READY);
        assertThat(probe.typesOf(request.jobId())).containsExactly(
                EventType.DOWNLOAD_STARTED, EventType.RETRY_SCHEDULED,
                EventType.DOWNLOAD_STARTED, EventType.RETRY_SCHEDULED,
                EventType.DOWNLOAD_STARTED, EventType.SUBTITLE_READY);
        List<JobEvent<?>> retries = probe.eventsOf(request.jobId()).stream()
                .filter(e -> e.type() == EventType.RETRY_SCHEDULED).toList();
        assertThat(retries).extracting(e -> ((RetryScheduled) e.payload()).attempt()).containsExactly(1, 2);
        assertThat(retries).extracting(JobEvent::id).containsExactly(
                EventIds.derive(request.id(), 1, EventType.RETRY_SCHEDULED),
                EventIds.derive(request.id(), 2, EventType.RETRY_SCHEDULED));
    }

    @Test
    void rateLimitIsRetriedNoEarlierThanRetryAfter() {
        String title = "Lantern Keepers";
        wireMock.stubFor(search("lantern keepers", "limited").whenScenarioStateIs(STARTED).willSetStateTo("limited once")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
        wireMock.stubFor(search("lantern keepers", "limited").whenScenarioStateIs("limited once")
                .willReturn(okJson(OpenSubtitlesStub.searchResult(503, "es", title, 2016, 10, false))));
        stubDownload(503);
        JobEvent<DownloadRequested> request = request(title, 2016, null);

        probe.publish(request);

        JobEvent<?> ready = probe.awaitResult(request.jobId(), WAIT);
        JobEvent<?> retry = probe.eventsOf(request.jobId()).stream()
                .filter(e -> e.type() == EventType.RETRY_SCHEDULED).findFirst().orElseThrow();
        Instant next = ((RetryScheduled) retry.payload()).nextAttemptAt();
        assertThat(Duration.between(retry.time(), next)).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        assertThat(ready.type()).isEqualTo(EventType.SUBTITLE_READY);
        assertThat(ready.time()).isAfterOrEqualTo(retry.time().plusMillis(2900));
    }

    @Test
    void exhaustedQuotaSuspendsTheProviderUntilItsResetAndTheNextProviderIsUsed() {
        String title = TestLibrary.SPANISH_ONLY;
        Instant reset = Instant.now().plusSeconds(10);
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/subtitles")).withQueryParam("query", equalTo("quiet orchard"))
                .willReturn(okJson(OpenSubtitlesStub.searchResult(504, "es", title, 2019, 90000, false))));
        wireMock.stubFor(post(urlEqualTo("/api/v1/download")).withRequestBody(equalToJson("{\"file_id\":504}"))
                .willReturn(aResponse().withStatus(406).withHeader("Content-Type", "application/json").withBody(
                        "{\"requests\":21,\"remaining\":-1,\"message\":\"You have downloaded your allowed 20"
                                + " subtitles for 24h.\",\"reset_time\":\"10 seconds\",\"reset_time_utc\":\"" + reset
                                + "\"}")));
        JobEvent<DownloadRequested> first = request(title, 2019, null);
        JobEvent<DownloadRequested> second = request(title, 2019, null);

        probe.publish(first);
        SubtitleReady fromLibrary = (SubtitleReady) probe.awaitResult(first.jobId(), WAIT).payload();
        probe.publish(second);
        SubtitleReady secondReady = (SubtitleReady) probe.awaitResult(second.jobId(), WAIT).payload();

        assertThat(fromLibrary.provider()).isEqualTo("library");
        assertThat(secondReady.provider()).isEqualTo("library");
        assertThat(throttle.suspendedUntil("opensubtitles")).isPresent();
        wireMock.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/subtitles"))
                .withQueryParam("query", equalTo("quiet orchard")));
        await().atMost(Duration.ofSeconds(15)).until(() -> throttle.suspendedUntil("opensubtitles").isEmpty());
    }

    @Test
    void runningJobCancelledBeforeItsNextStepStopsWithoutPublishingAResult() {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/subtitles")).withQueryParam("query", equalTo("slow river"))
                .willReturn(okJson("{\"total_count\":0,\"data\":[]}").withFixedDelay(1500)));
        JobEvent<DownloadRequested> request = request("Slow River", 2014, null);
        String key = keys.job(request.jobId());
        double cancelled = registry.counter("downloader.attempts", "outcome", "cancelled").count();
        try {
            probe.publish(request);
            await().atMost(WAIT).until(() -> probe.typesOf(request.jobId()).contains(EventType.DOWNLOAD_STARTED));
            redis.hash(String.class).hset(key, "phase", "CANCELLED");

            await().atMost(WAIT)
                    .until(() -> registry.counter("downloader.attempts", "outcome", "cancelled").count() > cancelled);
            assertThat(probe.typesOf(request.jobId())).containsExactly(EventType.DOWNLOAD_STARTED);
        } finally {
            redis.key().del(key);
        }
    }
}
