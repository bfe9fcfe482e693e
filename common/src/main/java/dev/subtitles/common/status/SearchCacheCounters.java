package dev.subtitles.common.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * The downloader's search-cache hits and misses, counted by every instance into one Redis hash
 * ({@code <subtitles.status.key-prefix>search-cache}) that the manager's status API reads: the contract between the
 * two. Fields: {@link #HITS} and {@link #MISSES} over all providers, {@code hits:<provider>} and
 * {@code misses:<provider>} per provider, and {@link #SINCE}, the epoch milliseconds of the first lookup counted. The
 * downloader increments them in the same Lua script as its cache read; deleting the hash starts the counts afresh.
 */
public final class SearchCacheCounters {

    /** Field of the lookups answered from the cache, and prefix of its per-provider fields. */
    public static final String HITS = "hits";
    /** Field of the lookups the cache could not answer, and prefix of its per-provider fields. */
    public static final String MISSES = "misses";
    /** Field of the time of the first lookup counted (epoch milliseconds). */
    public static final String SINCE = "since";

    private final ReactiveRedisDataSource redis;
    private final String key;

    public SearchCacheCounters(ReactiveRedisDataSource redis, StatusConfig config) {
        this.redis = redis;
        this.key = key(config);
    }

    /** The hash's key under the deployment's status prefix. */
    public static String key(StatusConfig config) {
        return config.keyPrefix() + "search-cache";
    }

    /**
     * Hits and misses of one provider, or of all of them.
     *
     * @param provider the provider's name, {@code null} for the sum over all providers
     */
    public record Count(String provider, long hits, long misses) {

        /** Hits among the lookups counted, from 0 to 1; {@code null} before the first lookup. */
        public Double hitRate() {
            long lookups = hits + misses;
            return lookups == 0 ? null : (double) hits / lookups;
        }
    }

    /**
     * The counts so far.
     *
     * @param total over all providers
     * @param providers per provider, by name
     * @param since the first lookup counted, {@code null} before it
     */
    public record Counts(Count total, List<Count> providers, Instant since) {
    }

    /** Reads the hash (one {@code HGETALL}); all zero when nothing was counted yet. */
    public Uni<Counts> read() {
        return redis.hash(String.class).hgetall(key).map(SearchCacheCounters::counts);
    }

    static Counts counts(Map<String, String> hash) {
        Map<String, long[]> byProvider = new TreeMap<>();
        hash.forEach((field, value) -> {
            int colon = field.indexOf(':');
            if (colon > 0) {
                String kind = field.substring(0, colon);
                long[] count = byProvider.computeIfAbsent(field.substring(colon + 1), name -> new long[2]);
                if (HITS.equals(kind)) {
                    count[0] = Long.parseLong(value);
                } else if (MISSES.equals(kind)) {
                    count[1] = Long.parseLong(value);
                }
            }
        });
        List<Count> providers = new ArrayList<>();
        byProvider.forEach((name, count) -> providers.add(new Count(name, count[0], count[1])));
        String since = hash.get(SINCE);
        return new Counts(new Count(null, number(hash.get(HITS)), number(hash.get(MISSES))), List.copyOf(providers),
                since == null ? null : Instant.ofEpochMilli(Long.parseLong(since)));
    }

    private static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
