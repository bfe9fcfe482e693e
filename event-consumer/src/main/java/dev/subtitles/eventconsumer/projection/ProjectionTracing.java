package dev.subtitles.eventconsumer.projection;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.event.JobEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * One span per projected event, a child of the job's trace carried in the CloudEvent {@code traceparent}, so the
 * projection shows up in the same trace as the work that produced the event (docs/observability.md). Events of one batch
 * belong to different traces, hence a span per event rather than per batch.
 */
@ApplicationScoped
public class ProjectionTracing {

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    public ProjectionTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Starts the span of projecting {@code event}; a new trace when the event carries none. */
    Span start(JobEvent<?> event) {
        Context parent = event.traceparent() == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), event.traceparent(), TRACEPARENT);
        return tracer.spanBuilder("project " + event.type().routingKey())
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.message.id", event.id().toString())
                .setAttribute("job.id", event.jobId().toString())
                .startSpan();
    }

    /** Ends a span whose projection failed. */
    static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR);
        span.end();
    }
}
