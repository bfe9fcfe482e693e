package dev.subtitles.common.tracing;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * A job's W3C trace context as one {@code traceparent} string, the form in which it travels: the CloudEvent
 * extension of every event and the AMQP header of every message. Each producer puts the context of the span that
 * produced the message there, so each consumer's span is the child of its producer's and a job is one trace.
 */
public final class Traceparents {

    /** The name of the CloudEvent extension and of the AMQP header. */
    public static final String NAME = "traceparent";

    private static final byte[] IN_JSON = ("\"" + NAME + "\":\"").getBytes(StandardCharsets.US_ASCII);

    private static final TextMapGetter<String> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(NAME);
        }

        @Override
        public String get(String carrier, String key) {
            return NAME.equals(key) ? carrier : null;
        }
    };

    private Traceparents() {
    }

    /** The context to start a child span in: the one {@code traceparent} names, the root when it is {@code null}. */
    public static Context parent(String traceparent) {
        return traceparent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, GETTER);
    }

    /** {@code span}'s context as a {@code traceparent}; {@code null} when it has none (tracing off). */
    public static String of(Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    /**
     * The {@code traceparent} of an encoded CloudEvent, found without decoding it (the relay publishes events it
     * stored encoded); {@code null} when it has none.
     */
    public static String inEncodedEvent(byte[] json) {
        int at = indexOf(json, IN_JSON);
        if (at < 0) {
            return null;
        }
        int start = at + IN_JSON.length;
        int end = start;
        while (end < json.length && json[end] != '"') {
            end++;
        }
        return end < json.length ? new String(json, start, end - start, StandardCharsets.US_ASCII) : null;
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer: for (int i = 0; i <= bytes.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
