package dev.subtitles.downloader.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.subtitles.downloader.config.DownloaderConfig;

class ProviderThrottleTest {

    private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

    private final ProviderThrottle throttle = new ProviderThrottle(new Suspensions(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static final class Suspensions implements DownloaderConfig.Suspension {
        @Override
        public Duration unavailable() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration rateLimited() {
            return Duration.ofSeconds(60);
        }

        @Override
        public Duration quotaExhausted() {
            return Duration.ofHours(1);
        }

        @Override
        public Duration rejected() {
            return Duration.ofMinutes(15);
        }
    }

    @Test
    void rateLimitSuspendsForTheProvidersRetryAfter() {
        throttle.suspend(ProviderException.rateLimited("os", Duration.ofSeconds(7)));

        assertThat(throttle.suspendedUntil("os")).contains(NOW.plusSeconds(7));
    }

    @Test
    void quotaSuspendsUntilTheReset() {
        Instant reset = NOW.plus(Duration.ofHours(5));

        throttle.suspend(ProviderException.quotaExhausted("os", reset, "quota"));

        assertThat(throttle.suspendedUntil("os")).contains(reset);
    }

    @Test
    void quotaWhoseResetHasPassedDoesNotSuspend() {
        throttle.suspend(ProviderException.quotaExhausted("os", NOW.minusSeconds(1), "quota"));

        assertThat(throttle.suspendedUntil("os")).isEmpty();
    }

    @Test
    void outageSuspendsForTheConfiguredTime() {
        throttle.suspend(ProviderException.unavailable("os", "503", null));

        assertThat(throttle.remaining("os")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void otherProvidersStayUsable() {
        throttle.suspend(ProviderException.unavailable("os", "503", null));

        assertThat(throttle.suspendedUntil("library")).isEmpty();
    }
}
