package dev.subtitles.common.worker;

import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Readiness of a worker's request consumers: DOWN while the {@link ProgressWatchdog} of any of them finds it stuck or
 * stalled, with each such consumer's problem under its name. A plain class; each worker produces it as a
 * {@code @Readiness} bean for its own watchdogs.
 */
public class ConsumerProgressCheck implements HealthCheck {

    private final String name;
    private final Map<String, ProgressWatchdog> watchdogs;

    /**
     * @param name the check's name in the health report
     * @param watchdogs each consumer's watchdog by the consumer's name (its channel)
     */
    public ConsumerProgressCheck(String name, Map<String, ProgressWatchdog> watchdogs) {
        this.name = name;
        this.watchdogs = Map.copyOf(watchdogs);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name).up();
        watchdogs.forEach((consumer, watchdog) -> {
            Optional<String> problem = watchdog.problem();
            if (problem.isPresent()) {
                response.down().withData(consumer, problem.get());
            }
        });
        return response.build();
    }
}
