package dev.subtitles.manager.live;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.projection.ProjectionReader;
import dev.subtitles.manager.repository.HistoryEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A job's history oldest first, the order a live client needs (the audit trail endpoint reads newest first): from
 * the Redis sorted set, and from the durable event log for the older part Redis no longer holds (capped or expired).
 */
@ApplicationScoped
public class LiveHistory implements HistoryPages {

    private final ProjectionReader projection;
    private final Pool pool;
    private final String eventLogQuery;

    public LiveHistory(ProjectionReader projection, Pool pool, ManagerConfig config) {
        this.projection = projection;
        this.pool = pool;
        // The schema name is checked by EventLogRepository, which fails the start for anything but an identifier.
        // json_build_object keeps the key order of the history entry the event-consumer writes to Redis.
        this.eventLogQuery = "select seq, json_build_object('jobId', job_id, 'seq', seq, 'id', event_id, 'type', type,"
                + " 'time', cloud_event->'time', 'source', source, 'data', cloud_event->'data')::text as entry from "
                + config.projection().eventLogSchema() + ".job_event"
                + " where job_id = $1 and seq > $2 and seq < $3 order by seq limit $4";
    }

    @Override
    public Uni<List<HistoryEntry>> after(UUID jobId, long afterSeq, int limit) {
        return projection.historyAfter(jobId, afterSeq, limit).flatMap(cached -> {
            if (!cached.isEmpty() && cached.get(0).seq() == afterSeq + 1) {
                return Uni.createFrom().item(cached);
            }
            long before = cached.isEmpty() ? Long.MAX_VALUE : cached.get(0).seq();
            return logged(jobId, afterSeq, before, limit).map(logged -> logged.isEmpty() ? cached : logged);
        });
    }

    @Override
    public Uni<Long> newestSeq(UUID jobId) {
        return projection.lastSeq(jobId);
    }

    private Uni<List<HistoryEntry>> logged(UUID jobId, long afterSeq, long beforeSeq, int limit) {
        return pool.preparedQuery(eventLogQuery).execute(Tuple.of(jobId, afterSeq, beforeSeq, limit)).map(rows -> {
            List<HistoryEntry> entries = new ArrayList<>(rows.size());
            for (Row row : rows) {
                entries.add(new HistoryEntry(row.getLong("seq"), row.getString("entry")));
            }
            return entries;
        });
    }
}
