package dev.subtitles.common.worker;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import dev.subtitles.common.event.EventType;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;

/**
 * The ids of the events a worker publishes, derived from the request, the attempt and the event type (a name-based
 * UUID of {@code <request id>/<attempt>/<routing key>}).
 * <p>
 * A request is delivered again whenever its delivery could not be acked (a lost connection, a publish whose confirm
 * did not come, a crashed instance); running the same attempt again then publishes the same ids, which every consumer
 * ignores as duplicates, so redelivery never shows in a job's history. An attempt publishes at most one event of a
 * type.
 */
public final class EventIds {

    private EventIds() {
    }

    /** The id of the {@code type} event of attempt {@code attempt} of request {@code requestId}. */
    public static UUID derive(UUID requestId, int attempt, EventType type) {
        String seed = requestId + "/" + attempt + "/" + type.routingKey();
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The event with {@code payload} that attempt {@code attempt} of {@code request} publishes: derived id, the
     * request's job, tenant and trace context.
     */
    public static <P extends EventPayload> JobEvent<P> eventOf(JobEvent<?> request, int attempt, URI source,
            Instant time, P payload) {
        EventType type = EventType.forPayload(payload.getClass());
        return new JobEvent<>(derive(request.id(), attempt, type), type, source, request.jobId(), request.tenant(), time,
                request.traceparent(), payload);
    }
}
