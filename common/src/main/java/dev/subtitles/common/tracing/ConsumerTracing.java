package dev.subtitles.common.tracing;

import java.util.Map;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;

/**
 * The span in which a consumer handles one event: a child of the span that published the message (its
 * {@code traceparent} header, set by the relay) or else of the one that produced the event (the CloudEvent's
 * {@code traceparent}). The events the handling produces carry this span's context ({@link #continued}), so their
 * consumers' spans are its children and a job stays one trace. Nothing is done while tracing is off.
 */
public final class ConsumerTracing {

    private final Tracer tracer;
    private final boolean enabled;

    /** @param enabled whether tracing is on ({@code quarkus.otel.sdk.disabled=false}) */
    public ConsumerTracing(Tracer tracer, boolean enabled) {
        this.tracer = tracer;
        this.enabled = enabled;
    }

    /** Starts the span of handling {@code event}, named {@code name}; an invalid span while tracing is off. */
    public Span start(String name, JobEvent<?> event, Map<String, Object> headers) {
        if (!enabled) {
            return Span.getInvalid();
        }
        Object header = headers.get(Traceparents.NAME);
        String parent = header != null ? header.toString() : event.traceparent();
        return tracer.spanBuilder(name)
                .setParent(Traceparents.parent(parent))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.message.id", event.id().toString())
                .setAttribute("job.id", event.jobId().toString())
                .startSpan();
    }

    /** {@code event} as the events derived from it should see it: carrying {@code span}'s context when it has one. */
    public static <P extends EventPayload> JobEvent<P> continued(JobEvent<P> event, Span span) {
        String traceparent = Traceparents.of(span);
        return traceparent == null ? event : event.withTraceparent(traceparent);
    }
}
