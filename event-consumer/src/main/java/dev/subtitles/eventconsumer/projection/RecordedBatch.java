package dev.subtitles.eventconsumer.projection;

import java.util.List;

import io.opentelemetry.api.trace.Span;

/**
 * A batch recorded in the event log and not yet applied to the Redis view, with the spans of its events, which stay
 * open until the batch is projected or given up.
 */
public final class RecordedBatch {

    private final List<ReceivedEvent> received;
    private final List<ProjectedEvent> distinct;
    private final List<Span> spans;

    RecordedBatch(List<ReceivedEvent> received, List<ProjectedEvent> distinct, List<Span> spans) {
        this.received = received;
        this.distinct = distinct;
        this.spans = spans;
    }

    /** The events as they came off the queue, duplicates included, in order. */
    List<ReceivedEvent> received() {
        return received;
    }

    /** One event per event id, in order of first appearance, each with its record in the log. */
    List<ProjectedEvent> distinct() {
        return distinct;
    }

    /** Ends the spans: the batch is projected. */
    void projected() {
        spans.forEach(Span::end);
    }

    /** Ends the spans as failed: the batch is given up (its events are tried again one by one). */
    public void failed(Throwable failure) {
        spans.forEach(span -> ProjectionTracing.failed(span, failure));
    }
}
