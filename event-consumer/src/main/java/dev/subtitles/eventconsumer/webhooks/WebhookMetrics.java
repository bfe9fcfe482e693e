package dev.subtitles.eventconsumer.webhooks;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The webhooks' meters at {@code /q/metrics}: attempts by outcome with their latency, events queued for hooks, and
 * hooks disabled. Registered at start, so every series shows 0 before its first increment.
 */
@Startup
@ApplicationScoped
public class WebhookMetrics {

    private final Timer delivered;
    private final Timer failed;
    private final Counter queued;
    private final Counter disabled;

    public WebhookMetrics(MeterRegistry registry) {
        delivered = attempts(registry, "delivered");
        failed = attempts(registry, "failed");
        queued = Counter.builder("webhooks.queued")
                .description("Deliveries queued: one per event and hook that wants it")
                .register(registry);
        disabled = Counter.builder("webhooks.disabled")
                .description("Hooks disabled because their deliveries kept failing")
                .register(registry);
    }

    private static Timer attempts(MeterRegistry registry, String outcome) {
        return Timer.builder("webhooks.attempts")
                .description("Attempts to post an event to a hook, by outcome, with their latency")
                .tag("outcome", outcome)
                .register(registry);
    }

    void attempted(AttemptResult result) {
        (result.succeeded() ? delivered : failed).record(Duration.ofMillis(result.latencyMillis()));
    }

    void queued(int deliveries) {
        queued.increment(deliveries);
    }

    void disabled() {
        disabled.increment();
    }
}
