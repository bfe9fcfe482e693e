package dev.subtitles.common.worker;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Readiness of a worker's request consumer: DOWN while its {@link ProgressWatchdog} finds it stuck or stalled. A plain
 * class; each worker produces it as a {@code @Readiness} bean for its own watchdog.
 */
public class ConsumerProgressCheck implements HealthCheck {

    private final ProgressWatchdog watchdog;
    private final String name;

    /** @param consumer the consumer's name in the health report (its channel) */
    public ConsumerProgressCheck(ProgressWatchdog watchdog, String consumer) {
        this.watchdog = watchdog;
        this.name = consumer + " progress";
    }

    @Override
    public HealthCheckResponse call() {
        return watchdog.problem()
                .map(problem -> HealthCheckResponse.named(name).down().withData("problem", problem).build())
                .orElseGet(() -> HealthCheckResponse.up(name));
    }
}
