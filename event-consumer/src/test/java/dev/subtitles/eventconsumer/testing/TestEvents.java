package dev.subtitles.eventconsumer.testing;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import dev.subtitles.common.event.EventSamples;
import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;

/** Events of the test run: realistic payloads, a source naming the run (so its rows can be cleaned up). */
public final class TestEvents {

    public static final String SOURCE_SERVICE = "event-consumer-test";
    public static final URI SOURCE = JobEvent.source(SOURCE_SERVICE, TestTopology.RUN);

    private TestEvents() {
    }

    /** A new event of {@code type} about {@code jobId}, happening now, carrying the sample trace context. */
    public static JobEvent<EventPayload> event(UUID jobId, EventType type) {
        return new JobEvent<>(UUID.randomUUID(), type, SOURCE, jobId, Instant.now(), EventSamples.TRACEPARENT,
                EventSamples.payload(type));
    }
}
