package dev.subtitles.eventconsumer.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.subtitles.common.tracing.Spans;
import io.opentelemetry.api.trace.Span;

/**
 * A batch recorded in the event log and not yet applied to the Redis view, with the spans of its events, which stay
 * open until the batch is projected or given up. Events PostgreSQL refused to store are left out of the rest of the
 * projection; {@link #rejection(UUID)} says why.
 */
public final class RecordedBatch {

    private final List<ReceivedEvent> stored;
    private final List<ProjectedEvent> distinct;
    private final Map<UUID, Throwable> rejected;
    private final List<Span> spans;

    RecordedBatch(List<ReceivedEvent> received, List<ProjectedEvent> distinct, Map<UUID, Throwable> rejected,
            List<Span> spans) {
        this.stored = new ArrayList<>(received.size());
        this.spans = new ArrayList<>(spans.size());
        for (int i = 0; i < received.size(); i++) {
            Throwable rejection = rejected.get(received.get(i).event().id());
            if (rejection == null) {
                stored.add(received.get(i));
                this.spans.add(spans.get(i));
            } else {
                Spans.end(spans.get(i), rejection);
            }
        }
        this.distinct = distinct;
        this.rejected = rejected;
    }

    /** The events as they came off the queue, duplicates included, in order, without the rejected ones. */
    List<ReceivedEvent> stored() {
        return stored;
    }

    /** One stored event per event id, in order of first appearance, each with its record in the log. */
    List<ProjectedEvent> distinct() {
        return distinct;
    }

    /**
     * Why PostgreSQL refused to store the event {@code eventId} for what it holds (see {@link EventLog#isDataError}),
     * or empty when it is recorded.
     */
    public Optional<Throwable> rejection(UUID eventId) {
        return Optional.ofNullable(rejected.get(eventId));
    }

    /** Ends the spans: the batch is projected. */
    void projected() {
        spans.forEach(Span::end);
    }

    /** Ends the spans as failed: the batch is given up (its events are tried again one by one). */
    public void failed(Throwable failure) {
        spans.forEach(span -> Spans.end(span, failure));
    }
}
