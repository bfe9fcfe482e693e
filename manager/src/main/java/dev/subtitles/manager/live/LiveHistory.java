package dev.subtitles.manager.live;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.projection.ProjectionKeys;
import dev.subtitles.manager.repository.HistoryEntry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.redis.client.ResponseType;

/**
 * A job's history oldest first, the order a live client needs (the audit trail endpoint reads newest first): from
 * the Redis sorted set, and from the durable event log for the older part Redis no longer holds (capped or expired).
 */
@ApplicationScoped
public class LiveHistory {

    private final ReactiveRedisDataSource redis;
    private final ProjectionKeys keys;
    private final Pool pool;
    private final String eventLogQuery;

    public LiveHistory(ReactiveRedisDataSource redis, ProjectionKeys keys, Pool pool, ManagerConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.pool = pool;
        // The schema name is checked by EventLogRepository, which fails the start for anything but an identifier.
        // json_build_object keeps the key order of the history entry the event-consumer writes to Redis.
        this.eventLogQuery = "select seq, json_build_object('jobId', job_id, 'seq', seq, 'id', event_id, 'type', type,"
                + " 'time', cloud_event->'time', 'source', source, 'data', cloud_event->'data')::text as entry from "
                + config.projection().eventLogSchema() + ".job_event"
                + " where job_id = $1 and seq > $2 and seq < $3 order by seq limit $4";
    }

    /**
     * The oldest entries with a sequence number above {@code afterSeq}, oldest first, at most {@code limit}, without
     * a hole at the start unless neither store has the missing events. Fewer than {@code limit} means the end of
     * what is projected now.
     */
    public Uni<List<HistoryEntry>> after(UUID jobId, long afterSeq, int limit) {
        return cached(jobId, afterSeq, limit).flatMap(cached -> {
            if (!cached.isEmpty() && cached.get(0).seq() == afterSeq + 1) {
                return Uni.createFrom().item(cached);
            }
            long before = cached.isEmpty() ? Long.MAX_VALUE : cached.get(0).seq();
            return logged(jobId, afterSeq, before, limit).map(logged -> logged.isEmpty() ? cached : logged);
        });
    }

    private Uni<List<HistoryEntry>> cached(UUID jobId, long afterSeq, int limit) {
        return redis.execute("ZRANGE", keys.history(jobId), "(" + afterSeq, "+inf", "BYSCORE", "LIMIT", "0",
                Integer.toString(limit), "WITHSCORES").map(LiveHistory::toEntries);
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

    /** Member and score pairs: nested in RESP3, flat (member, score, member, score...) in RESP2. */
    private static List<HistoryEntry> toEntries(Response response) {
        List<HistoryEntry> entries = new ArrayList<>();
        if (response == null) {
            return entries;
        }
        int size = response.size();
        for (int i = 0; i < size; i++) {
            Response item = response.get(i);
            if (item.type() == ResponseType.MULTI) {
                entries.add(new HistoryEntry((long) item.get(1).toDouble().doubleValue(), item.get(0).toString()));
            } else {
                entries.add(new HistoryEntry((long) response.get(i + 1).toDouble().doubleValue(), item.toString()));
                i++;
            }
        }
        return entries;
    }
}
