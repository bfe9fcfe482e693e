package dev.subtitles.eventconsumer.projection;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.projection.HistoryEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.DatabaseException;

/**
 * The durable event log in {@code events.job_event}: records events once each, numbering them per job, and reads
 * them back for a rebuild.
 * <p>
 * A batch is recorded by one statement, so one round trip whatever the batch size, atomic on its own (no BEGIN and
 * COMMIT around it): it keeps the events whose ids are not recorded yet, reserves their sequence numbers (one
 * counter row per job, bumped with an upsert whose row lock orders concurrent writers of the same job, taken in job
 * id order so two writers cannot deadlock), inserts them, and returns every event of the batch as the log holds it,
 * with its history entry built by PostgreSQL from the stored row (so no JSON is parsed again here). If another
 * instance recorded one of the events at the same moment, our insert skips it and the statement's snapshot does not
 * show it: the event is missing from the answer, so the statement fails itself ({@code events.require_all_recorded},
 * a serialization failure) and is rolled back, and the sequence number reserved for it is not lost; trying again
 * finds that event recorded.
 * <p>
 * The statement reads the log only per event, through the primary key: {@code OFFSET 0} keeps each lookup a
 * subquery the planner cannot turn into a join or a scan of the table. Planned on a small table (a new deployment,
 * or a server whose statistics are not refreshed), a hash anti-join and an {@code event_id = ANY($1)} both chose a
 * sequential scan of the whole log, and the cached plan kept it while the log grew: 7,300 to 7,900 rows read per job
 * in the throughput benchmark on a server with autovacuum off.
 */
@ApplicationScoped
public class EventLog {

    /**
     * The history entry of an event ({@link HistoryEntry#SQL}, the expression the manager reads the log with too),
     * built from the stored row so the live projection and a rebuild write the same bytes, and its time.
     */
    private static final String ENTRY = HistoryEntry.SQL + " AS entry, cloud_event->>'time' AS time";
    private static final String RECORD = """
            WITH batch AS (
                SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::text[])
                    WITH ORDINALITY AS b(event_id, job_id, type, source, event_time, cloud_event, position)
            ), fresh AS (
                SELECT * FROM batch WHERE NOT EXISTS
                    (SELECT 1 FROM events.job_event recorded WHERE recorded.event_id = batch.event_id OFFSET 0)
            ), counts AS (
                SELECT job_id, count(*) AS n FROM fresh GROUP BY job_id
            ), reserved AS (
                INSERT INTO events.job_sequence AS s (job_id, last_seq)
                SELECT job_id, n FROM counts ORDER BY job_id
                ON CONFLICT (job_id) DO UPDATE SET last_seq = s.last_seq + EXCLUDED.last_seq
                RETURNING job_id, last_seq
            ), inserted AS (
                INSERT INTO events.job_event (event_id, job_id, seq, type, source, event_time, cloud_event)
                SELECT fresh.event_id, fresh.job_id,
                       reserved.last_seq - counts.n + row_number() OVER (PARTITION BY fresh.job_id ORDER BY position),
                       fresh.type, fresh.source, fresh.event_time, fresh.cloud_event::jsonb
                FROM fresh JOIN counts USING (job_id) JOIN reserved USING (job_id)
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id, job_id, seq, %1$s
            ), answer AS (
                SELECT event_id, job_id, seq, entry, time FROM inserted
                UNION ALL
                SELECT recorded.* FROM (SELECT DISTINCT event_id FROM batch) wanted CROSS JOIN LATERAL
                    (SELECT event_id, job_id, seq, %1$s FROM events.job_event
                     WHERE job_event.event_id = wanted.event_id OFFSET 0) recorded
            )
            SELECT answer.* FROM
                (SELECT events.require_all_recorded((SELECT count(*) FROM batch), count(*)) FROM answer) checked
                LEFT JOIN answer ON true""".formatted(ENTRY);
    private static final String SELECT_JOB = """
            SELECT event_id, job_id, seq, %s, cloud_event::text AS cloud_event
            FROM events.job_event WHERE job_id = $1 ORDER BY seq""".formatted(ENTRY);
    private static final String SELECT_JOB_IDS = """
            SELECT job_id FROM events.job_sequence WHERE job_id > $1 ORDER BY job_id LIMIT $2""";
    /** Sorts before every other UUID in PostgreSQL's order, which compares the bytes unsigned. */
    private static final UUID BEFORE_FIRST_JOB = new UUID(0, 0);

    private final Pool pool;

    public EventLog(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records the events not recorded yet and returns every event of the batch as the log holds it, by event id.
     * An event recorded before keeps its sequence number.
     *
     * @throws ConcurrentRecordingException (as the failure of the {@code Uni}) when another instance recorded one of
     *         the events at the same moment; nothing was recorded, and trying again succeeds
     */
    public Uni<Map<UUID, RecordedEvent>> record(List<ReceivedEvent> batch) {
        Map<UUID, ReceivedEvent> distinct = new LinkedHashMap<>();
        batch.forEach(received -> distinct.putIfAbsent(received.event().id(), received));
        int size = distinct.size();
        UUID[] eventIds = new UUID[size];
        UUID[] jobIds = new UUID[size];
        String[] types = new String[size];
        String[] sources = new String[size];
        OffsetDateTime[] times = new OffsetDateTime[size];
        String[] cloudEvents = new String[size];
        int i = 0;
        for (ReceivedEvent received : distinct.values()) {
            JobEvent<?> event = received.event();
            eventIds[i] = event.id();
            jobIds[i] = event.jobId();
            types[i] = event.type().routingKey();
            sources[i] = event.source().toString();
            times[i] = event.time().atOffset(ZoneOffset.UTC);
            cloudEvents[i] = received.cloudEvent();
            i++;
        }
        Tuple arguments = Tuple.tuple().addValue(eventIds).addValue(jobIds).addValue(types).addValue(sources)
                .addValue(times).addValue(cloudEvents);
        return pool.preparedQuery(RECORD).execute(arguments)
                .onFailure(EventLog::isConcurrentRecording).transform(ConcurrentRecordingException::new)
                .map(rows -> {
                    Map<UUID, RecordedEvent> recorded = new HashMap<>(size * 2);
                    rows.forEach(row -> {
                        RecordedEvent event = recordedEvent(row);
                        recorded.put(event.eventId(), event);
                    });
                    return recorded;
                });
    }

    /** The failure {@code events.require_all_recorded} raises (V2 migration): a serialization failure. */
    private static boolean isConcurrentRecording(Throwable failure) {
        return failure instanceof DatabaseException database && "40001".equals(database.getSqlState());
    }

    /**
     * Whether PostgreSQL rejected the recording statement for the data it carried: SQLSTATE class 22 (data
     * exception: 22P05 for a NUL and 22P02 for a lone UTF-16 surrogate escaped in the JSON, 22021 for a raw NUL
     * byte) or 23 (integrity constraint violation). Sent alone, such an event fails the same way every time.
     */
    public static boolean isDataError(Throwable failure) {
        if (!(failure instanceof DatabaseException database) || database.getSqlState() == null) {
            return false;
        }
        String sqlState = database.getSqlState();
        return sqlState.startsWith("22") || sqlState.startsWith("23");
    }

    /** Every recorded event of {@code jobId}, in sequence order; empty for a job without events. */
    public Uni<List<StoredEvent>> eventsOf(UUID jobId) {
        return pool.preparedQuery(SELECT_JOB).execute(Tuple.of(jobId))
                .map(rows -> {
                    List<StoredEvent> events = new ArrayList<>(rows.size());
                    rows.forEach(row -> events.add(new StoredEvent(recordedEvent(row), row.getString("cloud_event"))));
                    return events;
                });
    }

    /**
     * One page of the ids of all jobs with recorded events, in id order.
     *
     * @param after the last id of the previous page, or {@code null} for the first page
     * @param limit largest number of ids returned; fewer means this is the last page
     */
    public Uni<List<UUID>> jobIds(UUID after, int limit) {
        return pool.preparedQuery(SELECT_JOB_IDS).execute(Tuple.of(after == null ? BEFORE_FIRST_JOB : after, limit))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getUUID("job_id")));
                    return ids;
                });
    }

    private static RecordedEvent recordedEvent(Row row) {
        return new RecordedEvent(row.getUUID("event_id"), row.getUUID("job_id"),
                new HistoryEntry(row.getLong("seq"), row.getString("entry")), row.getString("time"));
    }

}
