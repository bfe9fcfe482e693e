package dev.subtitles.eventconsumer.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.EventSamples;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.tenant.Tenants;

/** Events of the test run: realistic payloads, a source naming the run (so its rows can be cleaned up). */
public final class TestEvents {

    public static final String SOURCE_SERVICE = "event-consumer-test";
    public static final URI SOURCE = JobEvent.source(SOURCE_SERVICE, TestTopology.RUN);
    /** The source of the events the application under test publishes itself (its instance is the run id). */
    public static final URI APPLICATION_SOURCE = JobEvent.source("event-consumer", TestTopology.RUN);

    private static final EventCodec CODEC = new EventCodec();

    private TestEvents() {
    }

    /**
     * The message body of {@code event} with the string {@code original} of its payload replaced by {@code json}, a
     * JSON string body as it appears between the quotes, escapes included: how an event PostgreSQL cannot store looks
     * on the wire (the escape of a NUL or of a lone surrogate, which the codec accepts and PostgreSQL refuses).
     */
    public static byte[] withString(JobEvent<?> event, String original, String json) {
        String body = new String(CODEC.encode(event), StandardCharsets.UTF_8);
        String quoted = "\"" + original + "\"";
        if (!body.contains(quoted)) {
            throw new IllegalArgumentException("the event has no string " + quoted + ": " + body);
        }
        return body.replace(quoted, "\"" + json + "\"").getBytes(StandardCharsets.UTF_8);
    }

    /** A new event of {@code type} about {@code jobId}, happening now, carrying the sample trace context. */
    public static JobEvent<EventPayload> event(UUID jobId, EventType type) {
        return new JobEvent<>(UUID.randomUUID(), type, SOURCE, jobId, Tenants.DEFAULT, Instant.now(), EventSamples.TRACEPARENT,
                EventSamples.payload(type));
    }

    /** As many fresh job ids as asked for. */
    public static List<UUID> jobIds(int count) {
        List<UUID> jobIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobIds.add(UUID.randomUUID());
        }
        return jobIds;
    }
}
