package dev.subtitles.downloader.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.subtitles.downloader.config.DownloaderConfig;

/**
 * Remembers which providers are suspended and until when, so one failing provider costs a job no time while the
 * others are still tried. The suspension length depends on the failure: the provider's own {@code Retry-After} or
 * quota reset time when it gave one, otherwise a configured duration per kind of failure.
 * <p>
 * Kept per instance, in memory: a second instance learns of an outage by its own first failed call, which is cheap.
 */
@ApplicationScoped
public class ProviderThrottle {

    private static final Logger LOG = Logger.getLogger(ProviderThrottle.class);

    private final Map<String, Suspension> suspensions = new ConcurrentHashMap<>();
    private final DownloaderConfig.Suspension config;
    private final Clock clock;

    @Inject
    public ProviderThrottle(DownloaderConfig config, Clock clock) {
        this(config.suspension(), clock);
    }

    ProviderThrottle(DownloaderConfig.Suspension config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Suspends the provider that failed, for a time that depends on how it failed; returns when it resumes. */
    public Instant suspend(ProviderException failure) {
        Instant now = clock.instant();
        Instant until = switch (failure.kind()) {
            case UNAVAILABLE -> now.plus(config.unavailable());
            case RATE_LIMITED -> now.plus(failure.retryAfter().orElse(config.rateLimited()));
            case QUOTA_EXHAUSTED -> failure.resumeAt().map(reset -> reset.isAfter(now) ? reset : now)
                    .orElse(now.plus(config.quotaExhausted()));
            case REJECTED -> now.plus(config.rejected());
        };
        suspensions.merge(failure.provider(), new Suspension(until, failure.kind()),
                (old, fresh) -> old.until().isAfter(fresh.until()) ? old : fresh);
        LOG.warnf("Provider %s suspended until %s: %s", failure.provider(), until, failure.getMessage());
        return until;
    }

    /** When a suspended provider may be used again; empty when it is usable now. */
    public Optional<Instant> suspendedUntil(String provider) {
        return suspension(provider).map(Suspension::until);
    }

    /** The provider's current suspension; empty when it is usable now. */
    public Optional<Suspension> suspension(String provider) {
        Suspension suspension = suspensions.get(provider);
        if (suspension == null || !clock.instant().isBefore(suspension.until())) {
            return Optional.empty();
        }
        return Optional.of(suspension);
    }

    /** Until when a provider is left alone, and why. */
    public record Suspension(Instant until, ProviderException.Kind cause) {

        /** Whether waiting helps: false when the provider rejected us, which only a configuration change fixes. */
        public boolean retryable() {
            return cause != ProviderException.Kind.REJECTED;
        }
    }

    /** Time left before a suspended provider resumes, zero when it is usable. */
    public Duration remaining(String provider) {
        return suspendedUntil(provider).map(until -> Duration.between(clock.instant(), until)).orElse(Duration.ZERO);
    }
}
