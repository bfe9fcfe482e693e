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
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The durable event log in {@code events.job_event}: records events once each, numbering them per job, and reads
 * them back for a rebuild.
 * <p>
 * A batch is recorded in one transaction of three statements, whatever its size: look up the ids already recorded,
 * reserve sequence numbers for the new events (one counter row per job, bumped with an upsert whose row lock
 * orders concurrent writers of the same job), and insert the new events with one multi-row insert.
 */
@ApplicationScoped
public class EventLog {

    private static final String SELECT_RECORDED = """
            SELECT event_id, job_id, seq, cloud_event::text AS cloud_event
            FROM events.job_event WHERE event_id = ANY($1)""";
    /** Jobs in id order, so that two instances lock the counter rows they share in the same order. */
    private static final String RESERVE_SEQUENCES = """
            INSERT INTO events.job_sequence AS s (job_id, last_seq)
            SELECT job_id, count FROM unnest($1::uuid[], $2::bigint[]) AS u(job_id, count) ORDER BY job_id
            ON CONFLICT (job_id) DO UPDATE SET last_seq = s.last_seq + EXCLUDED.last_seq
            RETURNING job_id, last_seq""";
    private static final String INSERT_EVENTS = """
            INSERT INTO events.job_event (event_id, job_id, seq, type, source, event_time, cloud_event)
            SELECT event_id, job_id, seq, type, source, event_time, cloud_event::jsonb
            FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
                AS u(event_id, job_id, seq, type, source, event_time, cloud_event)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id, job_id, seq, cloud_event::text AS cloud_event""";
    private static final String SELECT_JOB = """
            SELECT event_id, job_id, seq, cloud_event::text AS cloud_event
            FROM events.job_event WHERE job_id = $1 ORDER BY seq""";
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
     * An event recorded before keeps its sequence number and is returned with {@code firstRecording} false.
     *
     * @throws ConcurrentRecordingException (as the failure of the {@code Uni}) when another instance recorded one of
     *         the events at the same moment; nothing was recorded, and trying again succeeds
     */
    public Uni<Map<UUID, RecordedEvent>> record(List<ReceivedEvent> batch) {
        Map<UUID, ReceivedEvent> distinct = new LinkedHashMap<>();
        batch.forEach(received -> distinct.putIfAbsent(received.event().id(), received));
        return pool.withTransaction(connection -> alreadyRecorded(connection, distinct.keySet())
                .chain(recorded -> {
                    List<ReceivedEvent> fresh = distinct.values().stream()
                            .filter(received -> !recorded.containsKey(received.event().id()))
                            .toList();
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(recorded);
                    }
                    return reserveSequences(connection, fresh)
                            .chain(sequences -> insert(connection, fresh, sequences))
                            .map(inserted -> {
                                Map<UUID, RecordedEvent> all = new HashMap<>(recorded);
                                all.putAll(inserted);
                                return all;
                            });
                }));
    }

    /** Every recorded event of {@code jobId}, in sequence order; empty for a job without events. */
    public Uni<List<RecordedEvent>> eventsOf(UUID jobId) {
        return pool.preparedQuery(SELECT_JOB).execute(Tuple.of(jobId))
                .map(rows -> {
                    List<RecordedEvent> events = new ArrayList<>(rows.size());
                    rows.forEach(row -> events.add(recordedEvent(row, false)));
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

    private static Uni<Map<UUID, RecordedEvent>> alreadyRecorded(SqlConnection connection, Iterable<UUID> ids) {
        return connection.preparedQuery(SELECT_RECORDED).execute(Tuple.of(toArray(ids)))
                .map(rows -> byEventId(rows, false));
    }

    /** The sequence numbers of {@code fresh}, by event id, taken in batch order within each job. */
    private static Uni<Map<UUID, Long>> reserveSequences(SqlConnection connection, List<ReceivedEvent> fresh) {
        Map<UUID, Long> countByJob = new LinkedHashMap<>();
        fresh.forEach(received -> countByJob.merge(received.event().jobId(), 1L, Long::sum));
        Tuple counts = Tuple.of(countByJob.keySet().toArray(UUID[]::new), countByJob.values().toArray(Long[]::new));
        return connection.preparedQuery(RESERVE_SEQUENCES).execute(counts).map(rows -> {
            Map<UUID, Long> nextByJob = new HashMap<>();
            for (Row row : rows) {
                UUID jobId = row.getUUID("job_id");
                nextByJob.put(jobId, row.getLong("last_seq") - countByJob.get(jobId) + 1);
            }
            Map<UUID, Long> seqByEvent = new HashMap<>();
            for (ReceivedEvent received : fresh) {
                long seq = nextByJob.merge(received.event().jobId(), 1L, Long::sum) - 1;
                seqByEvent.put(received.event().id(), seq);
            }
            return seqByEvent;
        });
    }

    private static Uni<Map<UUID, RecordedEvent>> insert(SqlConnection connection, List<ReceivedEvent> fresh,
            Map<UUID, Long> seqByEvent) {
        int size = fresh.size();
        UUID[] eventIds = new UUID[size];
        UUID[] jobIds = new UUID[size];
        Long[] seqs = new Long[size];
        String[] types = new String[size];
        String[] sources = new String[size];
        OffsetDateTime[] times = new OffsetDateTime[size];
        String[] cloudEvents = new String[size];
        for (int i = 0; i < size; i++) {
            JobEvent<?> event = fresh.get(i).event();
            eventIds[i] = event.id();
            jobIds[i] = event.jobId();
            seqs[i] = seqByEvent.get(event.id());
            types[i] = event.type().routingKey();
            sources[i] = event.source().toString();
            times[i] = event.time().atOffset(ZoneOffset.UTC);
            cloudEvents[i] = fresh.get(i).cloudEvent();
        }
        Tuple rows = Tuple.tuple().addValue(eventIds).addValue(jobIds).addValue(seqs).addValue(types)
                .addValue(sources).addValue(times).addValue(cloudEvents);
        return connection.preparedQuery(INSERT_EVENTS).execute(rows).map(inserted -> {
            if (inserted.size() != size) {
                throw new ConcurrentRecordingException(size, inserted.size());
            }
            return byEventId(inserted, true);
        });
    }

    private static Map<UUID, RecordedEvent> byEventId(RowSet<Row> rows, boolean firstRecording) {
        Map<UUID, RecordedEvent> events = new HashMap<>();
        rows.forEach(row -> {
            RecordedEvent event = recordedEvent(row, firstRecording);
            events.put(event.eventId(), event);
        });
        return events;
    }

    private static RecordedEvent recordedEvent(Row row, boolean firstRecording) {
        return new RecordedEvent(row.getUUID("event_id"), row.getUUID("job_id"), row.getLong("seq"),
                row.getString("cloud_event"), firstRecording);
    }

    private static UUID[] toArray(Iterable<UUID> ids) {
        List<UUID> list = new ArrayList<>();
        ids.forEach(list::add);
        return list.toArray(UUID[]::new);
    }
}
