package dev.subtitles.eventconsumer.projection;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.tracing.Traceparents;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;

/**
 * One span per projected event, a child of the job's trace carried in the CloudEvent {@code traceparent}, so the
 * projection shows up in the same trace as the work that produced the event (docs/observability.md). Events of one batch
 * belong to different traces, hence a span per event rather than per batch.
 */
@ApplicationScoped
public class ProjectionTracing {

    private final Tracer tracer;

    public ProjectionTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Starts the span of projecting {@code event}; a new trace when the event carries none. */
    Span start(JobEvent<?> event) {
        return tracer.spanBuilder("project " + event.type().routingKey())
                .setParent(Traceparents.parent(event.traceparent()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.message.id", event.id().toString())
                .setAttribute("job.id", event.jobId().toString())
                .startSpan();
    }
}
