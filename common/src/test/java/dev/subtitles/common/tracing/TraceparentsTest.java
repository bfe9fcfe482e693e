package dev.subtitles.common.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.CancelRequested;
import dev.subtitles.common.tenant.Tenants;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

class TraceparentsTest {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final URI SOURCE = URI.create("/subtitles/test/one");

    @Test
    void parentIsTheSpanTheTraceparentNames() {
        SpanContext parent = Span.fromContext(Traceparents.parent(TRACEPARENT)).getSpanContext();

        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(parent.getSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(parent.isSampled()).isTrue();
    }

    @Test
    void noTraceparentMeansANewTrace() {
        assertThat(Span.fromContext(Traceparents.parent(null)).getSpanContext().isValid()).isFalse();
    }

    @Test
    void aSpansContextReadsBackAsTheSameTraceparent() {
        Span span = Span.fromContext(Traceparents.parent(TRACEPARENT));

        assertThat(Traceparents.of(span)).isEqualTo(TRACEPARENT);
        assertThat(Traceparents.of(Span.getInvalid())).isNull();
    }

    @Test
    void foundInAnEncodedEventWithoutDecodingIt() {
        EventCodec codec = new EventCodec();
        JobEvent<CancelRequested> event = JobEvent.create(UUID.randomUUID(), Tenants.DEFAULT, SOURCE,
                new CancelRequested("user"));

        assertThat(Traceparents.inEncodedEvent(codec.encode(event.withTraceparent(TRACEPARENT))))
                .isEqualTo(TRACEPARENT);
        assertThat(Traceparents.inEncodedEvent(codec.encode(event))).isNull();
    }
}
