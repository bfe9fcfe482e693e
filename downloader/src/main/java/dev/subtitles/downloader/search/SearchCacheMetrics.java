package dev.subtitles.downloader.search;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.downloader.config.DownloaderConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Counts this instance's search-cache lookups ({@code downloader.search.cache}, tags {@code provider} and
 * {@code result}: {@code hit}, {@code miss}, or {@code bypassed} when Redis did not answer in time), for
 * {@code /q/metrics}. Every series of every cached provider is registered at start, so each shows 0 before its first
 * increment. The counts of all instances together are in Redis ({@code SearchCacheCounters}).
 */
@Startup
@ApplicationScoped
public class SearchCacheMetrics {

    /** How a lookup can end. */
    public enum Result {
        HIT,
        MISS,
        BYPASSED
    }

    private final Map<String, Map<Result, Counter>> counters = new HashMap<>();

    public SearchCacheMetrics(MeterRegistry registry, DownloaderConfig config) {
        for (String provider : config.searchCache().providers()) {
            Map<Result, Counter> byResult = new HashMap<>();
            for (Result result : Result.values()) {
                byResult.put(result, Counter.builder("downloader.search.cache")
                        .description("Provider searches looked up in the search cache, by how the lookup ended")
                        .tag("provider", provider.strip()).tag("result", result.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            counters.put(provider.strip(), byResult);
        }
    }

    /** One lookup of {@code provider}'s search ended with {@code result}. */
    public void lookup(String provider, Result result) {
        counters.get(provider).get(result).increment();
    }
}
