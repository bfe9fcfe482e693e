package dev.subtitles.common.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SearchCacheCountersTest {

    @Test
    void totalsProvidersByNameAndTheFirstLookupAreReadFromTheHash() {
        SearchCacheCounters.Counts counts = SearchCacheCounters.counts(Map.of("hits", "6", "misses", "2",
                "hits:opensubtitles", "5", "misses:opensubtitles", "1", "hits:addic7ed", "1", "misses:addic7ed", "1",
                "since", "1748772000000"));

        assertThat(counts.total()).isEqualTo(new SearchCacheCounters.Count(null, 6, 2));
        assertThat(counts.total().hitRate()).isEqualTo(0.75);
        assertThat(counts.providers()).containsExactly(new SearchCacheCounters.Count("addic7ed", 1, 1),
                new SearchCacheCounters.Count("opensubtitles", 5, 1));
        assertThat(counts.since()).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
    }

    @Test
    void aProviderWithHitsOnlyHasNoMisses() {
        SearchCacheCounters.Counts counts = SearchCacheCounters.counts(Map.of("hits", "3", "hits:opensubtitles", "3",
                "since", "1"));

        assertThat(counts.providers()).containsExactly(new SearchCacheCounters.Count("opensubtitles", 3, 0));
        assertThat(counts.providers().get(0).hitRate()).isEqualTo(1.0);
    }

    @Test
    void nothingCountedIsZeroWithoutAHitRateOrAStart() {
        SearchCacheCounters.Counts counts = SearchCacheCounters.counts(Map.of());

        assertThat(counts.total()).isEqualTo(new SearchCacheCounters.Count(null, 0, 0));
        assertThat(counts.total().hitRate()).isNull();
        assertThat(counts.providers()).isEmpty();
        assertThat(counts.since()).isNull();
    }
}
