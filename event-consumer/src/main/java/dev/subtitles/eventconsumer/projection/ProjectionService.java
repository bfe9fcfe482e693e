package dev.subtitles.eventconsumer.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.phase.PhaseMachine;
import dev.subtitles.common.tracing.Spans;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Projects a batch of received events: records them in the event log (PostgreSQL), then applies them to the Redis
 * view, which announces them. Safe to run again for the same events: the log keeps each event once with its first
 * sequence number, and Redis skips what it has, so a retry after a failure between the two steps completes the
 * projection instead of duplicating it.
 */
@ApplicationScoped
public class ProjectionService {

    private static final Logger LOG = Logger.getLogger(ProjectionService.class);

    private final EventLog eventLog;
    private final RedisJobView view;
    private final ProjectionMetrics metrics;
    private final ProjectionTracing tracing;
    private final JobOutcomeMetrics outcomes;

    public ProjectionService(EventLog eventLog, RedisJobView view, ProjectionMetrics metrics,
            ProjectionTracing tracing, JobOutcomeMetrics outcomes) {
        this.eventLog = eventLog;
        this.view = view;
        this.metrics = metrics;
        this.tracing = tracing;
        this.outcomes = outcomes;
    }

    /**
     * Records and projects {@code batch}, in order. Completes when PostgreSQL and Redis have all of it (but the
     * events PostgreSQL refuses for what they hold, see {@link #record}), and fails if either could not be written;
     * then nothing or part of it is done, and calling again finishes the work.
     */
    public Uni<Void> project(List<ReceivedEvent> batch) {
        return record(batch).chain(recorded -> view(recorded).onFailure().invoke(recorded::failed));
    }

    /**
     * The first half of {@link #project}: records {@code batch} in the event log, which numbers its events. The
     * events' spans start here. Safe to call again after a failure.
     * <p>
     * An event PostgreSQL refuses for what it holds ({@link EventLog#isDataError}) fails the one statement of its
     * batch, so the batch is then recorded one event at a time, in order: the other events are recorded, and the
     * batch reports the refused ones ({@link RecordedBatch#rejection}) instead of failing. Any other failure fails
     * the whole call.
     */
    public Uni<RecordedBatch> record(List<ReceivedEvent> batch) {
        return Uni.createFrom().deferred(() -> {
            List<Span> spans = batch.stream().map(received -> tracing.start(received.event())).toList();
            Map<UUID, RecordedEvent> recorded = new HashMap<>();
            Map<UUID, Throwable> rejected = new HashMap<>();
            return recordIsolating(distinctEvents(batch), recorded, rejected)
                    .map(ignored -> new RecordedBatch(batch, distinct(batch, recorded, rejected), rejected, spans))
                    .onFailure().invoke(failure -> spans.forEach(span -> Spans.end(span, failure)));
        });
    }

    /** Records {@code events}, adding them to {@code recorded}, or to {@code rejected} those PostgreSQL refuses. */
    private Uni<Void> recordIsolating(List<ReceivedEvent> events, Map<UUID, RecordedEvent> recorded,
            Map<UUID, Throwable> rejected) {
        return eventLog.record(events).invoke(recorded::putAll).replaceWithVoid()
                .onFailure(EventLog::isDataError).recoverWithUni(failure -> {
                    if (events.size() == 1) {
                        JobEvent<?> event = events.get(0).event();
                        LOG.warnf("PostgreSQL refuses event %s of job %s: %s", event.id(), event.jobId(),
                                failure.getMessage());
                        rejected.put(event.id(), failure);
                        return Uni.createFrom().voidItem();
                    }
                    LOG.warnf("PostgreSQL refuses an event of a batch of %d (%s); recording them one at a time",
                            events.size(), failure.getMessage());
                    return Multi.createFrom().iterable(events)
                            .onItem().transformToUniAndConcatenate(
                                    event -> recordIsolating(List.of(event), recorded, rejected))
                            .collect().last().replaceWithVoid();
                });
    }

    /**
     * Counts a job's end. Redis has the event already, and a redelivery would find it there and count nothing, so a
     * failure here is logged and never fails the batch.
     */
    private void countOutcome(ProjectedEvent event, RedisJobView.Change change) {
        try {
            outcomes.ended(event.event(), PhaseMachine.phaseAfter(event.event().type()).orElseThrow(),
                    change.submittedAt());
        } catch (RuntimeException e) {
            LOG.warnf(e, "The end of job %s was not counted in the metrics", event.event().jobId());
        }
    }

    /**
     * The second half of {@link #project}: applies a recorded batch to the Redis view, which announces its events,
     * and ends their spans. Safe to call again after a failure: what Redis has already is skipped.
     */
    public Uni<Void> view(RecordedBatch batch) {
        List<ProjectedEvent> distinct = batch.distinct();
        return view.project(distinct).invoke(changes -> {
            batch.stored().forEach(received -> metrics.consumed(received.event().type()));
            metrics.duplicates(batch.stored().size() - distinct.size());
            Instant now = Instant.now();
            for (int i = 0; i < distinct.size(); i++) {
                ProjectedEvent event = distinct.get(i);
                RedisJobView.Change change = changes.get(i);
                if (change.projected()) {
                    metrics.projected(event.event().time(), now);
                    if (change.ended()) {
                        countOutcome(event, change);
                    }
                } else {
                    metrics.duplicates(1);
                    LOG.debugf("Event %s of job %s was projected already", event.event().id(), event.event().jobId());
                }
            }
            batch.projected();
        }).replaceWithVoid();
    }

    /** One received event per event id, in order of first appearance. */
    private static List<ReceivedEvent> distinctEvents(List<ReceivedEvent> batch) {
        Set<UUID> seen = new HashSet<>();
        List<ReceivedEvent> distinct = new ArrayList<>(batch.size());
        for (ReceivedEvent received : batch) {
            if (seen.add(received.event().id())) {
                distinct.add(received);
            }
        }
        return distinct;
    }

    private static List<ProjectedEvent> distinct(List<ReceivedEvent> batch, Map<UUID, RecordedEvent> recorded,
            Map<UUID, Throwable> rejected) {
        List<ProjectedEvent> distinct = new ArrayList<>(batch.size());
        for (ReceivedEvent received : distinctEvents(batch)) {
            if (!rejected.containsKey(received.event().id())) {
                distinct.add(new ProjectedEvent(received.event(), recorded.get(received.event().id())));
            }
        }
        return distinct;
    }
}
