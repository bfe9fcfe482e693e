package dev.subtitles.manager.status;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.status.SearchCacheCounters;
import dev.subtitles.common.status.StatusConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * The downloader's search cache as all its instances counted it in Redis ({@link SearchCacheCounters}): lookups
 * answered from the cache (hits) and passed to the provider (misses), over all providers and per provider.
 */
@ApplicationScoped
public class SearchCacheStatus {

    private final SearchCacheCounters counters;

    public SearchCacheStatus(ReactiveRedisDataSource redis, StatusConfig config) {
        this.counters = new SearchCacheCounters(redis, config);
    }

    /**
     * The counts since {@code since}.
     *
     * @param hitRate hits among the lookups, from 0 to 1; {@code null} before the first lookup
     * @param since the first lookup counted, {@code null} before it
     * @param providers the same per cached provider, by name
     */
    public record SearchCacheView(long hits, long misses, Double hitRate, Instant since,
            List<ProviderView> providers) {
    }

    /** One provider's lookups. */
    public record ProviderView(String provider, long hits, long misses, Double hitRate) {
    }

    /** The counts now (one {@code HGETALL}). */
    public Uni<SearchCacheView> read() {
        return counters.read().map(counts -> new SearchCacheView(counts.total().hits(), counts.total().misses(),
                counts.total().hitRate(), counts.since(), counts.providers().stream()
                        .map(count -> new ProviderView(count.provider(), count.hits(), count.misses(),
                                count.hitRate()))
                        .toList()));
    }
}
