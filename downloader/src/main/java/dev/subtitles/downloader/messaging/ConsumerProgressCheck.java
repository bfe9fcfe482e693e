package dev.subtitles.downloader.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.subtitles.common.worker.ProgressWatchdog;

/** Readiness is DOWN while the request consumer is stuck or stalled ({@link ProgressWatchdog}). */
@Readiness
@ApplicationScoped
public class ConsumerProgressCheck implements HealthCheck {

    private final ProgressWatchdog watchdog;

    public ConsumerProgressCheck(ProgressWatchdog watchdog) {
        this.watchdog = watchdog;
    }

    @Override
    public HealthCheckResponse call() {
        return watchdog.problem()
                .map(problem -> HealthCheckResponse.named("download-requests progress").down()
                        .withData("problem", problem).build())
                .orElseGet(() -> HealthCheckResponse.up("download-requests progress"));
    }
}
