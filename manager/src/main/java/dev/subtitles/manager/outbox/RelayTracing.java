package dev.subtitles.manager.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.subtitles.common.tracing.Spans;
import dev.subtitles.common.tracing.Traceparents;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;

/**
 * The relay's publish spans: one per event, a child of the trace its CloudEvent carries (the submission's), whose
 * context goes out as the message's {@code traceparent} header so the consumer's span is its child. Nothing is done
 * while tracing is off ({@code quarkus.otel.sdk.disabled}), not even the look for the event's trace.
 */
@ApplicationScoped
public class RelayTracing {

    private final Tracer tracer;
    private final boolean enabled;

    public RelayTracing(Tracer tracer,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean disabled) {
        this.tracer = tracer;
        this.enabled = !disabled;
    }

    /** The events to publish, each carrying its publish span's context, and those spans. */
    record TracedBatch(List<PendingEvent> events, List<Span> spans) {

        /** Ends the spans once the broker confirmed the batch, or failed to ({@code failure}). */
        void end(Throwable failure) {
            spans.forEach(span -> Spans.end(span, failure));
        }
    }

    /** Starts the publish span of each event. */
    TracedBatch start(List<PendingEvent> events) {
        if (!enabled) {
            return new TracedBatch(events, List.of());
        }
        List<Span> spans = new ArrayList<>(events.size());
        List<PendingEvent> traced = new ArrayList<>(events.size());
        for (PendingEvent event : events) {
            Span span = tracer.spanBuilder("publish " + event.type())
                    .setParent(Traceparents.parent(Traceparents.inEncodedEvent(event.body())))
                    .setSpanKind(SpanKind.PRODUCER)
                    .setAttribute("messaging.system", "rabbitmq")
                    .setAttribute("messaging.message.id", event.eventId().toString())
                    .setAttribute("job.id", event.jobId().toString())
                    .startSpan();
            spans.add(span);
            traced.add(event.withTraceparent(Traceparents.of(span)));
        }
        return new TracedBatch(traced, spans);
    }
}
