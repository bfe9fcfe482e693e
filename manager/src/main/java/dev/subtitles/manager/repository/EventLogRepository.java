package dev.subtitles.manager.repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.projection.HistoryEntry;
import dev.subtitles.manager.config.ManagerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads the event-consumer's durable event log ({@code <schema>.job_event}, docs/projection.md), which the manager
 * uses only when the Redis projection has nothing for a job, with the history entries built by
 * {@link HistoryEntry#SQL}. Read only: the event-consumer owns the table.
 */
@ApplicationScoped
public class EventLogRepository {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final Pool pool;
    private final String newestFirstQuery;
    private final String oldestFirstQuery;
    private final String lastSeqQuery;
    private final String eventsOfJobsQuery;
    private final String stageTimesQuery;

    public EventLogRepository(Pool pool, ManagerConfig config) {
        this.pool = pool;
        String schema = config.projection().eventLogSchema();
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("manager.projection.event-log-schema must be a plain lower-case"
                    + " identifier, was '" + schema + "'");
        }
        String table = schema + ".job_event";
        String entries = "select seq, " + HistoryEntry.SQL + " as entry from " + table
                + " where job_id = $1 and seq > $2 and seq < $3 order by seq";
        this.newestFirstQuery = entries + " desc limit $4";
        this.oldestFirstQuery = entries + " limit $4";
        this.lastSeqQuery = "select max(seq) as last_seq from " + table + " where job_id = $1";
        this.eventsOfJobsQuery = "select job_id, cloud_event::text as cloud_event from " + table
                + " where job_id = any($1) order by job_id, seq";
        this.stageTimesQuery = stageTimesQuery(table);
    }

    /**
     * Per job, when each stage was asked for, first started and gave its result (a download ends with
     * {@code subtitle.ready}, or with {@code subtitle.translate.requested} when it found only another language), then
     * the steps' times over those jobs. {@code percentile_disc} is the nearest rank, as in the status API's other
     * percentiles.
     */
    private static String stageTimesQuery(String table) {
        return "with per_job as (select job_id,"
                + " min(event_time) filter (where type = 'subtitle.download.requested') as download_requested,"
                + " min(event_time) filter (where type = 'subtitle.download.started') as download_started,"
                + " min(event_time) filter (where type in ('subtitle.ready', 'subtitle.translate.requested'))"
                + " as downloaded,"
                + " min(event_time) filter (where type = 'subtitle.translate.requested') as translate_requested,"
                + " min(event_time) filter (where type = 'subtitle.translate.started') as translate_started,"
                + " min(event_time) filter (where type = 'subtitle.translated') as translated"
                + " from " + table + " where job_id = any($1) group by job_id),"
                + " steps as ("
                + " select 1 as position, 'download' as stage, 'queued' as step,"
                + " download_started - download_requested as took from per_job"
                + " union all select 2, 'download', 'running', downloaded - download_started from per_job"
                + " union all select 3, 'translate', 'queued', translate_started - translate_requested from per_job"
                + " union all select 4, 'translate', 'running', translated - translate_started from per_job)"
                + " select stage, step, count(*) as jobs,"
                + " percentile_disc(0.5) within group (order by extract(epoch from took)) as median,"
                + " percentile_disc(0.95) within group (order by extract(epoch from took)) as p95"
                + " from steps where took is not null group by position, stage, step order by position";
    }

    /**
     * History entries of a job with {@code afterSeq < seq < beforeSeq}, newest first (the audit trail's order), at
     * most {@code limit}.
     */
    public Uni<List<HistoryEntry>> page(UUID jobId, long afterSeq, long beforeSeq, int limit) {
        return entries(newestFirstQuery, jobId, afterSeq, beforeSeq, limit);
    }

    /**
     * History entries of a job with {@code afterSeq < seq < beforeSeq}, oldest first (the order a live client
     * needs), at most {@code limit}.
     */
    public Uni<List<HistoryEntry>> pageOldestFirst(UUID jobId, long afterSeq, long beforeSeq, int limit) {
        return entries(oldestFirstQuery, jobId, afterSeq, beforeSeq, limit);
    }

    private Uni<List<HistoryEntry>> entries(String query, UUID jobId, long afterSeq, long beforeSeq, int limit) {
        return pool.preparedQuery(query).execute(Tuple.of(jobId, afterSeq, beforeSeq, limit)).map(rows -> {
            List<HistoryEntry> entries = new ArrayList<>(rows.size());
            for (Row row : rows) {
                entries.add(new HistoryEntry(row.getLong("seq"), row.getString("entry")));
            }
            return entries;
        });
    }

    /** The sequence number of the job's newest recorded event, 0 when none is recorded. */
    public Uni<Long> lastSeq(UUID jobId) {
        return pool.preparedQuery(lastSeqQuery).execute(Tuple.of(jobId)).map(rows -> {
            Long last = rows.iterator().next().getLong("last_seq");
            return last == null ? 0L : last;
        });
    }

    /**
     * The time {@code jobIds} spent queued and running in each stage, for the steps at least one of them went
     * through, in pipeline order.
     */
    public Uni<List<StageTime>> stageTimes(List<UUID> jobIds) {
        if (jobIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(stageTimesQuery).execute(Tuple.of(jobIds.toArray(UUID[]::new))).map(rows -> {
            List<StageTime> times = new ArrayList<>(rows.size());
            for (Row row : rows) {
                times.add(new StageTime(row.getString("stage"), row.getString("step"), row.getInteger("jobs"),
                        row.getNumeric("median").doubleValue(), row.getNumeric("p95").doubleValue()));
            }
            return times;
        });
    }

    /** The recorded CloudEvents (JSON text) of each of {@code jobIds} in sequence order; absent jobs have none. */
    public Uni<Map<UUID, List<String>>> eventsOf(List<UUID> jobIds) {
        return pool.preparedQuery(eventsOfJobsQuery).execute(Tuple.of(jobIds.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, List<String>> events = new LinkedHashMap<>();
            for (Row row : rows) {
                events.computeIfAbsent(row.getUUID("job_id"), id -> new ArrayList<>())
                        .add(row.getString("cloud_event"));
            }
            return events;
        });
    }
}
