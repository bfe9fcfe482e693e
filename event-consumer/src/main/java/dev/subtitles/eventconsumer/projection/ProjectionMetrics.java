package dev.subtitles.eventconsumer.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.metrics.DurationBuckets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

/**
 * The projection's meters at {@code /q/metrics}: events consumed per type, duplicates ignored, decode failures,
 * unstorable events, redeliveries, failed tries of each stage (PostgreSQL, Redis), and the lag from an event's time
 * to its projection (a histogram with the pipeline's buckets: Prometheus computes its quantiles across instances).
 * Registered at start, so every series shows 0 before its first increment.
 */
@Startup
@ApplicationScoped
public class ProjectionMetrics {

    /** The stage that records a batch in PostgreSQL. */
    public static final String RECORD_STAGE = "record";
    /** The stage that projects a recorded batch into Redis. */
    public static final String VIEW_STAGE = "view";

    private final Map<EventType, Counter> consumed = new EnumMap<>(EventType.class);
    private final Counter duplicates;
    private final Counter decodeFailures;
    private final Counter unstorable;
    private final Counter redelivered;
    private final Map<String, Counter> stageFailures = new HashMap<>();
    private final Timer lag;

    public ProjectionMetrics(MeterRegistry registry) {
        for (EventType type : EventType.values()) {
            consumed.put(type, Counter.builder("events.consumed")
                    .description("Events consumed from the projection queue (duplicates included)")
                    .tag("type", type.routingKey())
                    .register(registry));
        }
        duplicates = Counter.builder("events.duplicates")
                .description("Redelivered events that were projected already and changed nothing")
                .register(registry);
        decodeFailures = Counter.builder("events.decode.failures")
                .description("Messages that were not events of the contract and went to the dead-letter queue")
                .register(registry);
        unstorable = Counter.builder("events.unstorable")
                .description("Events PostgreSQL refused to store, dead-lettered with their job failed")
                .register(registry);
        redelivered = Counter.builder("events.redelivered")
                .description("Messages the broker delivered again (returned to the queue, or in hand when a "
                        + "connection closed)")
                .register(registry);
        for (String stage : List.of(RECORD_STAGE, VIEW_STAGE)) {
            stageFailures.put(stage, Counter.builder("projection.stage.failures")
                    .description("Failed tries of a stage of the projection; each is followed by a pause and another "
                            + "try, or by handling the batch's messages one by one")
                    .tag("stage", stage)
                    .register(registry));
        }
        lag = DurationBuckets.timer("events.projection.lag")
                .description("From an event's time to its projection into Redis")
                .register(registry);
    }

    void consumed(EventType type) {
        consumed.get(type).increment();
    }

    void duplicates(int count) {
        duplicates.increment(count);
    }

    /** A message could not be decoded. */
    public void decodeFailure() {
        decodeFailures.increment();
    }

    /** An event could not be stored and went to the dead-letter queue. */
    public void unstorable() {
        unstorable.increment();
    }

    /** A message arrived with the broker's redelivered flag. */
    public void redelivered() {
        redelivered.increment();
    }

    /** A try of a stage of the projection, {@link #RECORD_STAGE} or {@link #VIEW_STAGE}, failed. */
    public void stageFailed(String stage) {
        stageFailures.get(stage).increment();
    }

    void projected(Instant eventTime, Instant projectedAt) {
        lag.record(Duration.between(eventTime, projectedAt));
    }
}
