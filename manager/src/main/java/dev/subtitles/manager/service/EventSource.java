package dev.subtitles.manager.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.event.EventType;
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

    /** A new event about {@code jobId} of {@code tenant}, carrying the current trace context when there is one. */
    public <P extends EventPayload> JobEvent<P> event(UUID jobId, String tenant, P payload) {
        return JobEvent.create(jobId, tenant, source, payload).withTraceparent(currentTraceparent());
    }

    /**
     * The event that ends {@code jobId} (its {@code job.cancelled}, or the deadline's {@code job.failed}), with an id
     * derived from the job and the type: a repeated or retried decision appends the same event, which the outbox and
     * every consumer take once.
     */
    public <P extends EventPayload> JobEvent<P> terminalEvent(UUID jobId, String tenant, P payload) {
        EventType type = EventType.forPayload(payload.getClass());
        UUID id = UUID.nameUUIDFromBytes((type.routingKey() + ":" + jobId).getBytes(StandardCharsets.UTF_8));
        return new JobEvent<>(id, type, source, jobId, tenant, Instant.now(), currentTraceparent(), payload);
    }

    /**
     * The {@code number}th event of its type about {@code jobId} (a job's third search for a better subtitle), with an id
     * derived from the type, the job and the number: a round that is rolled back and done again appends the same event.
     */
    public <P extends EventPayload> JobEvent<P> numberedEvent(UUID jobId, String tenant, int number, P payload) {
        EventType type = EventType.forPayload(payload.getClass());
        UUID id = UUID.nameUUIDFromBytes((type.routingKey() + ":" + jobId + ":" + number)
                .getBytes(StandardCharsets.UTF_8));
        return new JobEvent<>(id, type, source, jobId, tenant, Instant.now(), currentTraceparent(), payload);
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
