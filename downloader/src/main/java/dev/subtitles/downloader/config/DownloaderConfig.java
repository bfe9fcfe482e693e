package dev.subtitles.downloader.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.subtitles.common.messaging.Topology;
import dev.subtitles.common.worker.wiring.WorkerSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The downloader's settings: those every worker has ({@link WorkerSettings}: instance, messaging, retry, delivery) and
 * its own. Environment variables follow the usual mapping ({@code downloader.retry.max-attempts} is
 * {@code DOWNLOADER_RETRY_MAX_ATTEMPTS}).
 */
@ConfigMapping(prefix = "downloader")
public interface DownloaderConfig extends WorkerSettings {

    /** Enabled providers in the order they are tried; a job's preferred providers (if enabled) go first. */
    @WithDefault("library,opensubtitles")
    List<String> providers();

    /**
     * Languages whose subtitles are sent to translation when none exists in the target language; earlier ones win
     * ties.
     */
    @WithDefault("en")
    List<String> fallbackLanguages();

    /** Redis keys. */
    Redis redis();

    /** How long a failing provider is left alone. */
    Suspension suspension();

    /** The local folder provider. */
    Library library();

    /** The OpenSubtitles REST API v1 provider. */
    OpenSubtitles opensubtitles();

    /** Provider search results kept in Redis, so that repeated jobs for one video ask the provider once. */
    SearchCache searchCache();

    /** Searches for a better subtitle of a done job (docs/upgrades.md), taken from a queue of their own. */
    Upgrades upgrades();

    interface Redis {

        /** Prefix of this service's own keys (attempt claims). */
        @WithDefault("downloader:")
        String keyPrefix();

        /**
         * How long an attempt stays claimed without a heartbeat: the running instance renews its claim every third of
         * this, so the lease only runs out when the instance died or stalled, and another instance takes the attempt
         * over after at most this long. A restart of the same instance takes its own claims over at once.
         */
        @WithDefault("15S")
        Duration claimLease();

        /** How long a finished attempt is remembered, to drop duplicate deliveries of it. */
        @WithDefault("7D")
        Duration doneRetention();
    }

    interface Suspension {

        /** Suspension after an outage (5xx, timeout, connection refused). */
        @WithDefault("30S")
        Duration unavailable();

        /** Suspension after a rate limit answer without {@code Retry-After}. */
        @WithDefault("60S")
        Duration rateLimited();

        /** Suspension after a quota answer that says nothing about its reset. */
        @WithDefault("1H")
        Duration quotaExhausted();

        /** Suspension after the provider rejected us (bad credentials or request). */
        @WithDefault("15M")
        Duration rejected();
    }

    interface Library {

        /**
         * Folder of subtitle files; when absent, the sample library shipped in the application is used (copied to a
         * temporary folder at start).
         */
        Optional<Path> path();
    }

    interface OpenSubtitles {

        /** Base URL of the API, without {@code /api/v1}. */
        @WithDefault("https://api.opensubtitles.com")
        String url();

        /** Consumer API key sent as {@code Api-Key}; the provider answers "not configured" without it. */
        Optional<String> apiKey();

        /** {@code User-Agent} the API requires, naming the application and its version. */
        @WithDefault("subtitle-pipeline v1.0")
        String userAgent();

        /** Account user name; with a password, downloads use a login token (higher quota). */
        Optional<String> username();

        /** Account password. */
        Optional<String> password();

        /** Timeout of one HTTP request. */
        @WithDefault("10S")
        Duration timeout();
    }

    interface SearchCache {

        /** Whether provider searches are cached at all. */
        @WithDefault("true")
        boolean enabled();

        /**
         * The providers whose searches are cached. The local {@code library} is not by default: its search is a
         * filter of an index in memory, cheaper than the Redis round trip, and a file dropped into its folder must be
         * found at once.
         */
        @WithDefault("opensubtitles")
        List<String> providers();

        /** How long a search that found candidates is answered from the cache. */
        @WithDefault("6H")
        Duration ttl();

        /**
         * How long a search that found nothing is answered from the cache: shorter than {@link #ttl()}, since a
         * subtitle uploaded meanwhile should be found soon.
         */
        @WithDefault("30M")
        Duration negativeTtl();

        /**
         * Longest wait for Redis per cache read or write; past it (or on any Redis failure) the search goes to the
         * provider as if nothing were cached, and its result is not stored.
         */
        @WithDefault("250MS")
        Duration timeout();
    }

    interface Upgrades {

        /**
         * The queue the manager's {@code subtitle.upgrade.requested} events reach the downloader on, apart from its
         * work queue so that upgrades never wait in front of new jobs; its DLQ is {@code <queue>.dlq}.
         */
        @WithDefault(Topology.DOWNLOADER_UPGRADES_QUEUE)
        String queue();

        /** The longest one upgrade search may take; a longer one is failed and goes back to the queue. */
        @WithDefault("5M")
        Duration maxDeliveryTime();
    }
}
