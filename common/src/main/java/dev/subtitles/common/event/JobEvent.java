package dev.subtitles.common.event;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.event.payload.WorkRequest;
import dev.subtitles.common.tenant.Tenants;

/**
 * One event about one job, as the services handle it: the CloudEvent attributes of docs/events.md as typed values,
 * plus the typed payload. {@link EventCodec} turns it into the wire format and back.
 * <p>
 * The record enforces what the contract requires of every event, so no service can publish one that others would
 * have to reject: all attributes but {@code traceparent} are present, the payload is the one of {@code type}, and
 * {@code time} is cut to microseconds, the precision the wire format carries (so that an event equals itself after a
 * round trip).
 *
 * @param id unique id of this event, the idempotency key everywhere
 * @param type what happened; must be the type of {@code payload}
 * @param source the producing service instance, see {@link #source(String, String)}
 * @param jobId the job the event is about (the CloudEvent {@code subject})
 * @param tenant the tenant the job belongs to (the CloudEvent extension {@code tenant}), see {@link Tenants}
 * @param time when it happened, UTC, microsecond precision
 * @param traceparent W3C trace context of the job's trace, or {@code null} when the producer has none
 * @param payload the type-specific data
 * @param <P> the payload record
 */
public record JobEvent<P extends EventPayload>(
        UUID id,
        EventType type,
        URI source,
        UUID jobId,
        String tenant,
        Instant time,
        String traceparent,
        P payload) {

    private static final String SOURCE_PREFIX = "/subtitles/";

    public JobEvent {
        Objects.requireNonNull(id, "id is required");
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(source, "source is required");
        Objects.requireNonNull(jobId, "jobId is required");
        Objects.requireNonNull(tenant, "tenant is required");
        Tenants.require(tenant);
        Objects.requireNonNull(time, "time is required");
        Objects.requireNonNull(payload, "payload is required");
        if (traceparent != null && traceparent.isBlank()) {
            throw new IllegalArgumentException("traceparent must be null or non-blank");
        }
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException("a " + type.routingKey() + " event carries a "
                    + type.payloadType().getSimpleName() + ", not a " + payload.getClass().getSimpleName());
        }
        time = time.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A new event about {@code jobId} of {@code tenant}, happening now: random id, type derived from the payload, no
     * trace context (add it with {@link #withTraceparent(String)}).
     */
    public static <P extends EventPayload> JobEvent<P> create(UUID jobId, String tenant, URI source, P payload) {
        Objects.requireNonNull(payload, "payload is required");
        return new JobEvent<>(UUID.randomUUID(), EventType.forPayload(payload.getClass()), source, jobId, tenant,
                Instant.now(), null, payload);
    }

    /** This event with the given W3C trace context ({@code null} removes it). */
    public JobEvent<P> withTraceparent(String traceparent) {
        return new JobEvent<>(id, type, source, jobId, tenant, time, traceparent, payload);
    }

    /** The job's priority if this event asks a worker for work ({@link WorkRequest}), else {@link Priority#NORMAL}. */
    public Priority priority() {
        return payload instanceof WorkRequest request ? request.priority() : Priority.NORMAL;
    }

    /**
     * The routing key this event is published with: its type, followed by its {@link #priority()}'s suffix, so that
     * a request of a high or low job reaches that priority's work queue ({@code subtitle.download.requested.high});
     * every other event, and every normal request, has its type alone.
     */
    public String routingKey() {
        return type.routingKey() + priority().suffix();
    }

    /**
     * This event typed by its payload class, for a handler that has checked {@link #type()}.
     *
     * @throws IllegalArgumentException when the payload is of another class
     */
    public <T extends EventPayload> JobEvent<T> as(Class<T> payloadType) {
        if (!payloadType.isInstance(payload)) {
            throw new IllegalArgumentException("event " + id + " of type " + type.routingKey() + " carries a "
                    + payload.getClass().getSimpleName() + ", not a " + payloadType.getSimpleName());
        }
        return new JobEvent<>(id, type, source, jobId, tenant, time, traceparent, payloadType.cast(payload));
    }

    /**
     * The {@code source} of events produced by one instance of a service: {@code /subtitles/<service>/<instance>}.
     * Characters not allowed in a URI path are percent-encoded.
     *
     * @param service the service name, e.g. {@code downloader}
     * @param instance the instance, e.g. the host name
     * @throws IllegalArgumentException for a blank part or a part containing {@code /}
     */
    public static URI source(String service, String instance) {
        try {
            return new URI(null, null, SOURCE_PREFIX + segment(service, "service") + "/" + segment(instance, "instance"),
                    null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot build a source URI from " + service + " and " + instance, e);
        }
    }

    private static String segment(String value, String name) {
        Objects.requireNonNull(value, () -> name + " is required");
        if (value.isBlank() || value.contains("/")) {
            throw new IllegalArgumentException(name + " must be non-blank and without '/', was '" + value + "'");
        }
        return value;
    }
}
