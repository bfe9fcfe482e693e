package dev.subtitles.manager.live;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.projection.HistoryEntry;
import dev.subtitles.manager.projection.ProjectionReader;
import dev.subtitles.manager.repository.EventLogRepository;
import io.smallrye.mutiny.Uni;

/**
 * A job's history oldest first, the order a live client needs (the audit trail endpoint reads newest first): from
 * the Redis sorted set, and from the durable event log for the older part Redis no longer holds (capped or expired).
 */
@ApplicationScoped
public class LiveHistory implements HistoryPages {

    private final ProjectionReader projection;
    private final EventLogRepository eventLog;

    public LiveHistory(ProjectionReader projection, EventLogRepository eventLog) {
        this.projection = projection;
        this.eventLog = eventLog;
    }

    @Override
    public Uni<List<HistoryEntry>> after(UUID jobId, long afterSeq, int limit) {
        return projection.historyAfter(jobId, afterSeq, limit).flatMap(cached -> {
            if (!cached.isEmpty() && cached.get(0).seq() == afterSeq + 1) {
                return Uni.createFrom().item(cached);
            }
            long before = cached.isEmpty() ? Long.MAX_VALUE : cached.get(0).seq();
            return eventLog.pageOldestFirst(jobId, afterSeq, before, limit)
                    .map(logged -> logged.isEmpty() ? cached : logged);
        });
    }

    @Override
    public Uni<Long> newestSeq(UUID jobId) {
        return projection.lastSeq(jobId);
    }
}
