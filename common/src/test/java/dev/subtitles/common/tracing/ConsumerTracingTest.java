package dev.subtitles.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventSamples;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;

class ConsumerTracingTest {

    private static final String PRODUCER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String PUBLISHER = "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01";

    private final ConsumerTracing tracing = new ConsumerTracing(SdkTracerProvider.builder().build().get("test"), true);
    private final JobEvent<EventPayload> event = EventSamples.event(EventType.DOWNLOAD_REQUESTED)
            .withTraceparent(PRODUCER);

    @Test
    void theSpanIsAChildOfThePublishersHeaderWhenThereIsOne() {
        ReadableSpan span = (ReadableSpan) tracing.start("handle", event, Map.of(Traceparents.NAME, PUBLISHER));

        assertThat(span.getSpanContext().getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(span.getParentSpanContext().getSpanId()).isEqualTo("b7ad6b7169203331");
    }

    @Test
    void elseAChildOfTheEventsProducer() {
        ReadableSpan span = (ReadableSpan) tracing.start("handle", event, Map.of());

        assertThat(span.getParentSpanContext().getSpanId()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void derivedEventsCarryTheSpansContext() {
        Span span = tracing.start("handle", event, Map.of());

        JobEvent<EventPayload> continued = ConsumerTracing.continued(event, span);

        assertThat(continued.traceparent()).isEqualTo(Traceparents.of(span))
                .contains(span.getSpanContext().getSpanId());
        assertThat(continued.id()).isEqualTo(event.id());
    }

    @Test
    void withTracingOffNothingChanges() {
        ConsumerTracing off = new ConsumerTracing(SdkTracerProvider.builder().build().get("test"), false);

        Span span = off.start("handle", event, Map.of(Traceparents.NAME, PUBLISHER));

        assertThat(span.getSpanContext().isValid()).isFalse();
        assertThat(ConsumerTracing.continued(event, span)).isSameAs(event);
    }
}
