package dev.subtitles.eventconsumer.testing;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/** The application's own counters that the fault tests compare before and after a fault. */
@ApplicationScoped
public class ConsumerMetrics {

    private final MeterRegistry registry;

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code events.redelivered}: messages the broker delivered again. */
    public double redelivered() {
        return registry.counter("events.redelivered").count();
    }

    /** {@code projection.stage.failures} of the stage that records events in PostgreSQL. */
    public double recordFailures() {
        return stageFailures("record");
    }

    /** {@code projection.stage.failures} of the stage that writes the Redis view. */
    public double viewFailures() {
        return stageFailures("view");
    }

    private double stageFailures(String stage) {
        return registry.counter("projection.stage.failures", "stage", stage).count();
    }
}
