package dev.subtitles.common.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import dev.subtitles.common.event.payload.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters a worker keeps for its stage of the pipeline, all registered when it is made (so every series exists
 * before the first job): {@code subtitles_stage_duration_seconds{stage, step}} with {@code step=queued} (from the
 * request event to the attempt's start) and {@code step=running} (from the start to the attempt's outcome),
 * {@code subtitles_retries_total{stage, reason}}, and {@code subtitles_worker_in_flight{stage}} (deliveries in hand,
 * that is unacked by this instance). Recording costs a few atomic increments: no lookup by name and tags.
 */
public final class StageMetrics {

    /** The step of a stage whose duration is measured. */
    public enum Step {
        QUEUED,
        RUNNING
    }

    private final Timer queued;
    private final Timer running;
    private final Map<RetryReason, Counter> retries = new EnumMap<>(RetryReason.class);

    /** @param inFlight the deliveries this worker has in hand now */
    public StageMetrics(MeterRegistry registry, Stage stage, Supplier<Number> inFlight) {
        String stageTag = stage.name().toLowerCase(Locale.ROOT);
        queued = timer(registry, stageTag, Step.QUEUED, "From the request event to the start of its attempt");
        running = timer(registry, stageTag, Step.RUNNING, "From the start of an attempt to its outcome");
        for (RetryReason reason : RetryReason.values()) {
            retries.put(reason, Counter.builder("subtitles.retries")
                    .description("Attempts put back to run again, by reason")
                    .tag("stage", stageTag).tag("reason", reason.tag()).register(registry));
        }
        Gauge.builder("subtitles.worker.in.flight", inFlight, supplier -> supplier.get().doubleValue())
                .description("Deliveries this instance has in hand (received, not yet acked)")
                .tag("stage", stageTag).strongReference(true).register(registry);
    }

    private static Timer timer(MeterRegistry registry, String stage, Step step, String description) {
        return DurationBuckets.timer("subtitles.stage.duration").description(description)
                .tag("stage", stage).tag("step", step.name().toLowerCase(Locale.ROOT)).register(registry);
    }

    /** A request waited {@code waited} from its event to the start of its attempt. */
    public void queued(Duration waited) {
        queued.record(waited.isNegative() ? Duration.ZERO : waited);
    }

    /** An attempt ran {@code took} from its start to its outcome. */
    public void ran(Duration took) {
        running.record(took);
    }

    /** An attempt is put back to run again. */
    public void retried(RetryReason reason) {
        retries.get(reason).increment();
    }
}
