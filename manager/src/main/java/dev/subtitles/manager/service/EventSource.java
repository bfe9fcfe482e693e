package dev.subtitles.manager.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.manager.config.ManagerConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** Creates the events this instance emits: its {@code source}, and the current trace as {@code traceparent}. */
@ApplicationScoped
public class EventSource {

    private final URI source;

    public EventSource(ManagerConfig config) {
        this.source = JobEvent.source("manager", config.instance().orElseGet(EventSource::hostName));
    }

    /** A new event about {@code jobId}, carrying the current trace context when there is one. */
    public <P extends EventPayload> JobEvent<P> event(UUID jobId, P payload) {
        return JobEvent.create(jobId, source, payload).withTraceparent(currentTraceparent());
    }

    private static String currentTraceparent() {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
