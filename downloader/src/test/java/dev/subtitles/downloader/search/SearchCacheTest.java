package dev.subtitles.downloader.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.DownloadRequested;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.VideoRef;
import dev.subtitles.common.status.SearchCacheCounters;
import dev.subtitles.common.status.StatusConfig;
import dev.subtitles.downloader.provider.Candidate;
import dev.subtitles.downloader.provider.ProviderException;
import dev.subtitles.downloader.provider.SearchQuery;
import dev.subtitles.downloader.provider.library.LibraryProvider;
import dev.subtitles.downloader.provider.opensubtitles.OpenSubtitlesProvider;
import dev.subtitles.downloader.support.EventProbe;
import dev.subtitles.downloader.support.InjectWireMock;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The search cache against the local Redis and the WireMock OpenSubtitles stub, whose requests tell whether the
 * provider was asked.
 */
@QuarkusTest
@TestProfile(SearchCacheProfile.class)
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
class SearchCacheTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SRT = "1\n00:00:01,000 --> 00:00:02,500\nLa marea vuelve dos veces.\n";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    SearchCache cache;

    @Inject
    OpenSubtitlesProvider openSubtitles;

    @Inject
    LibraryProvider library;

    @Inject
    RedisDataSource redis;

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Inject
    StatusConfig status;

    @Inject
    MeterRegistry registry;

    private EventProbe probe;

    @AfterEach
    void closeProbe() throws IOException, TimeoutException {
        if (probe != null) {
            probe.close();
        }
    }

    /** A title of this test's own, so that no other test's search or stub answers for it. */
    private static String title(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static SearchQuery query(String title) {
        return new SearchQuery(title, 2021, null, null, null, null, null, null, List.of("es", "en"));
    }

    private void stubSearch(String title, ResponseDefinitionBuilder answer) {
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/subtitles"))
                .withQueryParam("query", equalTo(title.toLowerCase(Locale.ROOT))).willReturn(answer));
    }

    private void stubFound(String title, long fileId) {
        stubSearch(title, okJson(OpenSubtitlesStub.searchResult(fileId, "es", title, 2021, 5000, false)));
        wireMock.stubFor(post(urlEqualTo("/api/v1/download")).withRequestBody(equalToJson("{\"file_id\":" + fileId + "}"))
                .willReturn(okJson(OpenSubtitlesStub.downloadLink(wireMock.baseUrl() + "/files/" + fileId + ".srt"))));
        wireMock.stubFor(get(urlEqualTo("/files/" + fileId + ".srt")).willReturn(aResponse().withBody(SRT)));
    }

    private int searchesFor(String title) {
        return wireMock.findAll(getRequestedFor(urlPathEqualTo("/api/v1/subtitles"))
                .withQueryParam("query", equalTo(title.toLowerCase(Locale.ROOT)))).size();
    }

    private List<Candidate> search(SearchQuery query) {
        return cache.search(openSubtitles, query).await().atMost(WAIT);
    }

    private static String key(SearchQuery query) {
        return SearchKey.of(SearchCacheProfile.KEY_PREFIX, OpenSubtitlesProvider.NAME, query);
    }

    private boolean cached(SearchQuery query) {
        return redis.key().exists(key(query));
    }

    private long millisToLive(SearchQuery query) {
        return redis.key().pttl(key(query));
    }

    private static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private double counted(String provider, String result) {
        return registry.counter("downloader.search.cache", "provider", provider, "result", result).count();
    }

    @Test
    void aSecondJobForTheSameVideoIsAnsweredFromTheCacheAndStillDownloadsItsFile() {
        String title = title("Twice Told Tides");
        stubFound(title, 601);
        probe = new EventProbe();
        JobEvent<DownloadRequested> first = EventProbe.request(new VideoRef(title, 2021, null, null, null, null,
                null, null), "es");
        JobEvent<DownloadRequested> second = EventProbe.request(new VideoRef(title.toUpperCase(Locale.ROOT), 2021,
                null, null, null, null, null, null), "es");

        probe.publish(first);
        SubtitleReady firstReady = (SubtitleReady) probe.awaitResult(first.jobId(), WAIT).payload();
        probe.publish(second);
        SubtitleReady secondReady = (SubtitleReady) probe.awaitResult(second.jobId(), WAIT).payload();

        assertThat(firstReady.provider()).isEqualTo(OpenSubtitlesProvider.NAME);
        assertThat(secondReady.provider()).isEqualTo(OpenSubtitlesProvider.NAME);
        assertThat(secondReady.fileId()).isNotEqualTo(firstReady.fileId());
        assertThat(searchesFor(title)).isEqualTo(1);
        wireMock.verify(2, postRequestedFor(urlEqualTo("/api/v1/download"))
                .withRequestBody(equalToJson("{\"file_id\":601}")));
    }

    @Test
    void aHitIsAnsweredUntilTheTtlRunsOutThenTheProviderIsAskedAgain() {
        String title = title("Lapsing Lights");
        stubFound(title, 602);
        SearchQuery query = query(title);

        List<Candidate> asked = search(query);
        List<Candidate> cached = search(query);

        assertThat(cached).isEqualTo(asked).extracting(Candidate::reference).containsExactly("602");
        assertThat(searchesFor(title)).isEqualTo(1);
        assertThat(millisToLive(query)).isBetween(1L, SearchCacheProfile.TTL_MILLIS);
        await().atMost(Duration.ofMillis(SearchCacheProfile.TTL_MILLIS * 2)).until(() -> !cached(query));
        assertThat(search(query)).isEqualTo(asked);
        assertThat(searchesFor(title)).isEqualTo(2);
    }

    @Test
    void aSearchThatFoundNothingIsCachedForTheShorterNegativeTtl() {
        String title = title("Empty Harbour");
        stubSearch(title, okJson("{\"total_count\":0,\"data\":[]}"));
        SearchQuery query = query(title);

        assertThat(search(query)).isEmpty();
        assertThat(search(query)).isEmpty();

        assertThat(searchesFor(title)).isEqualTo(1);
        assertThat(millisToLive(query)).isBetween(1L, SearchCacheProfile.NEGATIVE_TTL_MILLIS);
        await().atMost(Duration.ofMillis(SearchCacheProfile.NEGATIVE_TTL_MILLIS * 3))
                .until(() -> !cached(query));
        assertThat(search(query)).isEmpty();
        assertThat(searchesFor(title)).isEqualTo(2);
    }

    @Test
    void aFailedSearchIsNotCachedSoTheNextOneAsksTheProviderAgain() {
        String title = title("Broken Buoy");
        String scenario = title;
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/subtitles"))
                .withQueryParam("query", equalTo(title.toLowerCase(Locale.ROOT)))
                .inScenario(scenario).whenScenarioStateIs(STARTED).willSetStateTo("failed")
                .willReturn(aResponse().withStatus(503)));
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/subtitles"))
                .withQueryParam("query", equalTo(title.toLowerCase(Locale.ROOT)))
                .inScenario(scenario).whenScenarioStateIs("failed")
                .willReturn(okJson(OpenSubtitlesStub.searchResult(603, "es", title, 2021, 10, false))));
        SearchQuery query = query(title);

        assertThatThrownBy(() -> search(query)).isInstanceOf(ProviderException.class);
        assertThat(cached(query)).isFalse();
        assertThat(search(query)).extracting(Candidate::reference).containsExactly("603");
        assertThat(search(query)).extracting(Candidate::reference).containsExactly("603");

        assertThat(searchesFor(title)).isEqualTo(2);
    }

    @Test
    void lookupsAreCountedPerProviderInMetricsAndForAllInstancesInRedis() {
        String title = title("Counted Currents");
        stubFound(title, 604);
        SearchCacheCounters counters = new SearchCacheCounters(reactiveRedis, status);
        SearchCacheCounters.Counts before = counters.read().await().atMost(WAIT);
        double hits = counted(OpenSubtitlesProvider.NAME, "hit");
        double misses = counted(OpenSubtitlesProvider.NAME, "miss");

        search(query(title));
        search(query(title));
        search(query(title));

        SearchCacheCounters.Counts after = counters.read().await().atMost(WAIT);
        assertThat(counted(OpenSubtitlesProvider.NAME, "hit") - hits).isEqualTo(2);
        assertThat(counted(OpenSubtitlesProvider.NAME, "miss") - misses).isEqualTo(1);
        assertThat(after.total().hits() - before.total().hits()).isEqualTo(2);
        assertThat(after.total().misses() - before.total().misses()).isEqualTo(1);
        assertThat(after.providers()).extracting(SearchCacheCounters.Count::provider)
                .containsExactly(OpenSubtitlesProvider.NAME);
        assertThat(after.providers().get(0).hits()).isEqualTo(after.total().hits());
        assertThat(after.since()).isNotNull();
        assertThat(after.total().hitRate()).isBetween(0.0, 1.0);
    }

    @Test
    void theLocalLibraryIsNotCachedByDefault() {
        SearchQuery query = new SearchQuery(TestLibrary.SPANISH_ONLY, 2019, null, null, null, null, null, null,
                List.of("es"));
        double lookups = counted(OpenSubtitlesProvider.NAME, "hit") + counted(OpenSubtitlesProvider.NAME, "miss");

        List<Candidate> found = cache.search(library, query).await().atMost(WAIT);

        assertThat(found).extracting(Candidate::provider).containsOnly(LibraryProvider.NAME).isNotEmpty();
        assertThat(redis.key().exists(SearchKey.of(SearchCacheProfile.KEY_PREFIX, LibraryProvider.NAME, query)))
                .isFalse();
        assertThat(registry.find("downloader.search.cache").tag("provider", LibraryProvider.NAME).counters())
                .isEmpty();
        assertThat(counted(OpenSubtitlesProvider.NAME, "hit") + counted(OpenSubtitlesProvider.NAME, "miss"))
                .isEqualTo(lookups);
    }
}
