package dev.subtitles.downloader.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.subtitles.common.status.SearchCacheCounters;
import dev.subtitles.common.status.StatusConfig;
import dev.subtitles.common.testing.TcpProxy;
import dev.subtitles.downloader.config.DownloaderConfig;
import dev.subtitles.downloader.provider.Candidate;
import dev.subtitles.downloader.provider.SearchQuery;
import dev.subtitles.downloader.provider.opensubtitles.OpenSubtitlesProvider;
import dev.subtitles.downloader.support.InjectWireMock;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * A search cache whose Redis is away or hung still answers every search, from the provider, within its timeout and
 * some: the provider's answer is what matters, and the cache never makes a job wait long or fail. Each test builds a
 * cache on a Redis connection of its own (through a {@link TcpProxy} it cuts, or to a server that accepts connections
 * and never answers, like a Redis stopped with SIGSTOP), beside the application's, which stays on the real Redis.
 */
@QuarkusTest
@TestProfile(SearchCacheProfile.class)
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
class SearchCacheOutageTest {

    /** The cache's own bound, and time for the provider's answer from the local stub on a busy machine. */
    private static final Duration BOUND = Duration.ofMillis(SearchCacheProfile.TIMEOUT_MILLIS).plusSeconds(2);

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    Vertx vertx;

    @Inject
    OpenSubtitlesProvider openSubtitles;

    @Inject
    SearchCacheMetrics metrics;

    @Inject
    DownloaderConfig config;

    @Inject
    StatusConfig status;

    @Inject
    MeterRegistry registry;

    @Inject
    RedisDataSource redis;

    private Redis client;

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private SearchCache cacheOn(int port) {
        client = Redis.createClient(vertx, "redis://127.0.0.1:" + port);
        return new SearchCache(new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client)), metrics,
                config.searchCache(), SearchCacheProfile.KEY_PREFIX, SearchCacheCounters.key(status),
                Clock.systemUTC());
    }

    private SearchQuery stubbedQuery(long fileId) {
        String title = "Outage Tide " + UUID.randomUUID().toString().substring(0, 8);
        wireMock.stubFor(get(urlPathEqualTo("/api/v1/subtitles"))
                .withQueryParam("query", equalTo(title.toLowerCase(Locale.ROOT)))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(OpenSubtitlesStub.searchResult(fileId, "es", title, 2021, 10, false))));
        return new SearchQuery(title, 2021, null, null, null, null, null, null, List.of("es"));
    }

    private int searchesFor(SearchQuery query) {
        return wireMock.findAll(getRequestedFor(urlPathEqualTo("/api/v1/subtitles"))
                .withQueryParam("query", equalTo(query.title().toLowerCase(Locale.ROOT)))).size();
    }

    private double bypassed() {
        return registry.counter("downloader.search.cache", "provider", OpenSubtitlesProvider.NAME, "result",
                "bypassed").count();
    }

    /** Searches twice through {@code cache}: each is answered by the provider within {@link #BOUND}. */
    private void bothSearchesAskTheProviderWithinTheBound(SearchCache cache, SearchQuery query, String reference) {
        double before = bypassed();
        for (int i = 1; i <= 2; i++) {
            long start = System.nanoTime();
            List<Candidate> found = cache.search(openSubtitles, query).await().atMost(BOUND.multipliedBy(3));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(found).extracting(Candidate::reference).containsExactly(reference);
            assertThat(took).isLessThan(BOUND);
        }
        assertThat(searchesFor(query)).isEqualTo(2);
        assertThat(bypassed() - before).isEqualTo(2);
        assertThat(redis.key().exists(SearchKey.of(SearchCacheProfile.KEY_PREFIX, OpenSubtitlesProvider.NAME, query)))
                .isFalse();
    }

    @Test
    void aRedisThatRefusesConnectionsIsBypassed() throws Exception {
        URI url = URI.create(System.getenv().getOrDefault("REDIS_URL", "redis://localhost:6379"));
        try (TcpProxy proxy = new TcpProxy(url.getHost(), url.getPort() < 0 ? 6379 : url.getPort())) {
            SearchCache cache = cacheOn(proxy.port());
            SearchQuery warmUp = stubbedQuery(701);
            // The new connection's first lookups may outlast the timeout on a busy machine (connect, script load).
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() -> {
                cache.search(openSubtitles, warmUp).await().atMost(BOUND.multipliedBy(3));
                return redis.key().exists(SearchKey.of(SearchCacheProfile.KEY_PREFIX, OpenSubtitlesProvider.NAME,
                        warmUp));
            });

            proxy.cut();

            bothSearchesAskTheProviderWithinTheBound(cache, stubbedQuery(702), "702");
        }
    }

    @Test
    void aRedisThatNeverAnswersIsBypassedWithinTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            bothSearchesAskTheProviderWithinTheBound(cacheOn(silent.getLocalPort()), stubbedQuery(703), "703");
        }
    }
}
