package dev.subtitles.downloader.search;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.subtitles.common.context.CallerContext;
import dev.subtitles.common.redis.LuaScript;
import dev.subtitles.common.status.SearchCacheCounters;
import dev.subtitles.common.status.StatusConfig;
import dev.subtitles.downloader.config.DownloaderConfig;
import dev.subtitles.downloader.provider.Candidate;
import dev.subtitles.downloader.provider.SearchQuery;
import dev.subtitles.downloader.provider.SubtitleProvider;
import dev.subtitles.downloader.search.SearchCacheMetrics.Result;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * A provider's search answered from Redis when the same query was searched at that provider lately, so that
 * repeated jobs for one video ask the provider once per {@code downloader.search-cache.ttl}. Only the search is
 * cached: the chosen file is still downloaded from the provider for every job (a download counts against the
 * provider's quota, and a file is stored per job anyway).
 * <p>
 * A lookup is one Lua script that reads the entry ({@link SearchKey}) and counts the hit or miss into the shared
 * {@link SearchCacheCounters} hash, in one round trip. On a miss the provider is asked and its candidates are stored
 * with {@code SET PX}: for {@code ttl}, or for {@code negative-ttl} when it found none. A search that fails is not
 * stored, so the next job asks the provider again.
 * <p>
 * The cache never fails a search and never holds one up for long: a lookup or store that fails or takes longer than
 * {@code downloader.search-cache.timeout} is abandoned (counted as {@code bypassed}), the provider is asked as if
 * nothing were cached, and its answer is not stored, since Redis just failed to answer.
 */
@ApplicationScoped
public class SearchCache {

    private static final Logger LOG = Logger.getLogger(SearchCache.class);

    /**
     * Keys: the entry, the counters hash. Reads the entry, adds one to {@code hits} or {@code misses} and to the same
     * field of the provider ({@code ARGV[1]}), records the time of the first lookup counted ({@code ARGV[2]}), and
     * answers the entry or nil.
     */
    private static final LuaScript LOOKUP = new LuaScript("""
            local value = redis.call('GET', KEYS[1])
            local result = value and ARGV[3] or ARGV[4]
            redis.call('HINCRBY', KEYS[2], result, 1)
            redis.call('HINCRBY', KEYS[2], result .. ':' .. ARGV[1], 1)
            redis.call('HSETNX', KEYS[2], ARGV[5], ARGV[2])
            return value""");

    private final ReactiveRedisDataSource redis;
    private final SearchCacheMetrics metrics;
    private final Clock clock;
    private final boolean enabled;
    private final Set<String> providers;
    private final Duration ttl;
    private final Duration negativeTtl;
    private final Duration timeout;
    private final String keyPrefix;
    private final String countersKey;

    @Inject
    public SearchCache(ReactiveRedisDataSource redis, SearchCacheMetrics metrics, DownloaderConfig config,
            StatusConfig status, Clock clock) {
        this(redis, metrics, config.searchCache(), config.redis().keyPrefix(), SearchCacheCounters.key(status),
                clock);
    }

    SearchCache(ReactiveRedisDataSource redis, SearchCacheMetrics metrics, DownloaderConfig.SearchCache config,
            String keyPrefix, String countersKey, Clock clock) {
        this.redis = redis;
        this.metrics = metrics;
        this.clock = clock;
        this.enabled = config.enabled();
        this.providers = config.providers().stream().map(String::strip).collect(Collectors.toUnmodifiableSet());
        this.ttl = config.ttl();
        this.negativeTtl = config.negativeTtl();
        this.timeout = config.timeout();
        this.keyPrefix = keyPrefix;
        this.countersKey = countersKey;
    }

    /**
     * {@code provider}'s candidates for {@code query}: from the cache when it holds them, else from the provider
     * (then stored). Fails only as the provider's search fails.
     */
    public Uni<List<Candidate>> search(SubtitleProvider provider, SearchQuery query) {
        String name = provider.name();
        if (!enabled || !providers.contains(name)) {
            return provider.search(query);
        }
        String key = SearchKey.of(keyPrefix, name, query);
        return lookup(name, key).flatMap(cached -> switch (cached.result()) {
            case HIT -> Uni.createFrom().item(cached.candidates());
            case MISS -> provider.search(query).call(candidates -> store(key, candidates));
            case BYPASSED -> provider.search(query);
        });
    }

    /** A lookup's result, with the candidates of a hit. */
    private record Lookup(Result result, List<Candidate> candidates) {
    }

    private Uni<Lookup> lookup(String provider, String key) {
        Uni<Lookup> lookup = LOOKUP.run(redis, 2, key, countersKey, provider,
                Long.toString(clock.millis()), SearchCacheCounters.HITS, SearchCacheCounters.MISSES,
                SearchCacheCounters.SINCE)
                .map(reply -> answer(provider, key, reply))
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Search cache bypassed for %s: %s", provider, failure.toString());
                    return new Lookup(Result.BYPASSED, List.of());
                })
                .invoke(found -> metrics.lookup(provider, found.result()));
        return CallerContext.emitOnCaller(lookup);
    }

    private static Lookup answer(String provider, String key, Response reply) {
        if (reply == null) {
            return new Lookup(Result.MISS, List.of());
        }
        return decoded(provider, key, reply.toString())
                .map(candidates -> new Lookup(Result.HIT, candidates))
                .orElseGet(() -> new Lookup(Result.MISS, List.of()));
    }

    /** An entry that cannot be read (written by hand, or by a format this version does not know) is a miss. */
    private static Optional<List<Candidate>> decoded(String provider, String key, String value) {
        try {
            return Optional.of(CachedCandidates.decode(provider, value));
        } catch (RuntimeException e) {
            LOG.warnf("Search cache entry %s cannot be read, searching again: %s", key, e.toString());
            return Optional.empty();
        }
    }

    private Uni<Void> store(String key, List<Candidate> candidates) {
        Duration standing = candidates.isEmpty() ? negativeTtl : ttl;
        Uni<Void> store = redis.value(String.class)
                .set(key, CachedCandidates.encode(candidates), new SetArgs().px(standing))
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Search cache entry %s not stored: %s", key, failure.toString());
                    return null;
                });
        return CallerContext.emitOnCaller(store);
    }
}
