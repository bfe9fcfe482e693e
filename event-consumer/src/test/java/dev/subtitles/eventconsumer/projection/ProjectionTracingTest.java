package dev.subtitles.eventconsumer.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventSamples;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.tenant.Tenants;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

class ProjectionTracingTest {

    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build();
    private final ProjectionTracing tracing = new ProjectionTracing(tracerProvider.get("test"));

    @Test
    void projectionSpanIsAChildOfTheSpanInTheEventsTraceparent() {
        JobEvent<EventPayload> event = EventSamples.event(EventType.SUBTITLE_READY)
                .withTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        Span span = tracing.start(event);

        ReadableSpan readable = (ReadableSpan) span;
        assertThat(readable.getSpanContext().getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(readable.getParentSpanContext().getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(readable.getParentSpanContext().isRemote()).isTrue();
        assertThat(readable.getName()).isEqualTo("project subtitle.ready");
    }

    @Test
    void eventWithoutTraceparentStartsANewTrace() {
        JobEvent<EventPayload> event = JobEvent.create(UUID.randomUUID(), Tenants.DEFAULT, EventSamples.SOURCE,
                EventSamples.payload(EventType.DOWNLOAD_STARTED));

        ReadableSpan span = (ReadableSpan) tracing.start(event);

        assertThat(span.getSpanContext().isValid()).isTrue();
        assertThat(span.getParentSpanContext().isValid()).isFalse();
    }
}
