package dev.subtitles.downloader.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.subtitles.downloader.provider.Candidate;
import dev.subtitles.downloader.provider.SearchQuery;
import dev.subtitles.downloader.provider.library.LibraryProvider;
import dev.subtitles.downloader.provider.opensubtitles.OpenSubtitlesProvider;
import dev.subtitles.downloader.support.OpenSubtitlesStub;
import dev.subtitles.downloader.support.TestBroker;
import dev.subtitles.downloader.support.TestLibrary;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/**
 * What one search costs, one after the other on one caller: the library provider and the (WireMock) OpenSubtitles
 * provider asked directly, and the same searches answered by the cache (a hit: the lookup script and the decoding).
 * It decides whether caching a provider pays: it does when a hit is cheaper than the provider's search. Prints one
 * line per case; see docs/storage.md for the figures.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(SearchCacheBenchmark.BothCached.class)
@QuarkusTestResource(TestLibrary.class)
@QuarkusTestResource(TestBroker.class)
@QuarkusTestResource(OpenSubtitlesStub.class)
class SearchCacheBenchmark {

    private static final int WARM_UP = 2_000;
    private static final int MEASURED = 5_000;

    /** The cache on for both providers. */
    public static class BothCached extends SearchCacheProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("downloader.search-cache.providers", "library,opensubtitles");
            overrides.put("downloader.search-cache.ttl", "10M");
            overrides.put("quarkus.log.category.\"dev.subtitles\".level", "WARN");
            return overrides;
        }
    }

    @Inject
    SearchCache cache;

    @Inject
    LibraryProvider library;

    @Inject
    OpenSubtitlesProvider openSubtitles;

    @Test
    void oneSearchDirectlyAndFromTheCache() {
        SearchQuery query = new SearchQuery(TestLibrary.SPANISH_ONLY, 2019, null, null, null, null, null, null,
                List.of("es", "en"));

        double libraryDirect = measure("library, asked directly", () -> library.search(query));
        double libraryHit = measure("library, a cache hit", () -> cache.search(library, query));
        double openSubtitlesDirect = measure("opensubtitles (local WireMock), asked directly",
                () -> openSubtitles.search(query));
        double openSubtitlesHit = measure("opensubtitles, a cache hit", () -> cache.search(openSubtitles, query));

        assertThat(List.of(libraryDirect, libraryHit, openSubtitlesDirect, openSubtitlesHit))
                .allSatisfy(micros -> assertThat(micros).isPositive());
    }

    /** Runs {@code search} {@link #WARM_UP} times, then {@link #MEASURED} times; prints and answers the median. */
    private static double measure(String what, Supplier<Uni<List<Candidate>>> search) {
        for (int i = 0; i < WARM_UP; i++) {
            search.get().await().indefinitely();
        }
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            search.get().await().indefinitely();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double median = nanos[MEASURED / 2] / 1000.0;
        System.out.printf("search cache benchmark | %-48s | median %8.1f µs | p99 %8.1f µs%n", what, median,
                nanos[MEASURED * 99 / 100] / 1000.0);
        return median;
    }
}
