package dev.subtitles.common.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/** Ending the spans the services make by hand (publishes, handlings, projections). */
public final class Spans {

    private Spans() {
    }

    /** Ends {@code span}, marked failed with {@code failure} when it is not {@code null}. */
    public static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
