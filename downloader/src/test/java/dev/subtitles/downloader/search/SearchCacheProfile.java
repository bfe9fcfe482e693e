package dev.subtitles.downloader.search;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.subtitles.downloader.support.IsolatedRun;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The search cache on (it is off in the other tests), under Redis keys of this run only, with lifetimes short enough
 * to watch an entry expire. The run's keys are deleted once the application has stopped, its heartbeat's included.
 */
public class SearchCacheProfile implements QuarkusTestProfile {

    /** The run's names; only its Redis keys are used. */
    static final IsolatedRun RUN = new IsolatedRun("search-cache-" + UUID.randomUUID().toString().substring(0, 8));
    static final String KEY_PREFIX = RUN.keyPrefix();
    static final String STATUS_PREFIX = KEY_PREFIX + "status:";
    static final long TTL_MILLIS = 5_000;
    static final long NEGATIVE_TTL_MILLIS = 2_000;
    static final long TIMEOUT_MILLIS = 250;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("downloader.search-cache.enabled", "true",
                "downloader.search-cache.ttl", TTL_MILLIS + "MS",
                "downloader.search-cache.negative-ttl", NEGATIVE_TTL_MILLIS + "MS",
                "downloader.search-cache.timeout", TIMEOUT_MILLIS + "MS",
                "downloader.redis.key-prefix", KEY_PREFIX,
                "subtitles.projection.key-prefix", KEY_PREFIX,
                "subtitles.status.key-prefix", STATUS_PREFIX);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RunKeys.class));
    }

    /** Deletes the run's Redis keys when the application stops. */
    public static class RunKeys implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            return Map.of();
        }

        @Override
        public void stop() {
            try {
                RUN.deleteRedisKeys();
            } catch (Exception e) {
                throw new IllegalStateException("cannot delete the keys under " + KEY_PREFIX, e);
            }
        }
    }
}
