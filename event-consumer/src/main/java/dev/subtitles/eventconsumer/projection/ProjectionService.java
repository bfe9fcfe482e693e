package dev.subtitles.eventconsumer.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
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

    public ProjectionService(EventLog eventLog, RedisJobView view, ProjectionMetrics metrics,
            ProjectionTracing tracing) {
        this.eventLog = eventLog;
        this.view = view;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /**
     * Records and projects {@code batch}, in order. Completes when PostgreSQL and Redis have all of it, and fails
     * if either could not be written; then nothing or part of it is done, and calling again finishes the work.
     */
    public Uni<Void> project(List<ReceivedEvent> batch) {
        return record(batch).chain(recorded -> view(recorded).onFailure().invoke(recorded::failed));
    }

    /**
     * The first half of {@link #project}: records {@code batch} in the event log, which numbers its events. The
     * events' spans start here. Safe to call again after a failure.
     */
    public Uni<RecordedBatch> record(List<ReceivedEvent> batch) {
        return Uni.createFrom().deferred(() -> {
            List<Span> spans = batch.stream().map(received -> tracing.start(received.event())).toList();
            return eventLog.record(batch)
                    .map(recorded -> new RecordedBatch(batch, distinct(batch, recorded), spans))
                    .onFailure().invoke(failure -> spans.forEach(span -> ProjectionTracing.failed(span, failure)));
        });
    }

    /**
     * The second half of {@link #project}: applies a recorded batch to the Redis view, which announces its events,
     * and ends their spans. Safe to call again after a failure: what Redis has already is skipped.
     */
    public Uni<Void> view(RecordedBatch batch) {
        List<ProjectedEvent> distinct = batch.distinct();
        return view.project(distinct).invoke(projectedNow -> {
            batch.received().forEach(received -> metrics.consumed(received.event().type()));
            metrics.duplicates(batch.received().size() - distinct.size());
            Instant now = Instant.now();
            for (int i = 0; i < distinct.size(); i++) {
                ProjectedEvent event = distinct.get(i);
                if (projectedNow.get(i)) {
                    metrics.projected(event.event().time(), now);
                } else {
                    metrics.duplicates(1);
                    LOG.debugf("Event %s of job %s was projected already", event.event().id(), event.event().jobId());
                }
            }
            batch.projected();
        }).replaceWithVoid();
    }

    private static List<ProjectedEvent> distinct(List<ReceivedEvent> batch, Map<UUID, RecordedEvent> recorded) {
        Set<UUID> seen = new HashSet<>();
        List<ProjectedEvent> distinct = new ArrayList<>(batch.size());
        for (ReceivedEvent received : batch) {
            if (seen.add(received.event().id())) {
                distinct.add(new ProjectedEvent(received.event(), recorded.get(received.event().id())));
            }
        }
        return distinct;
    }
}
