package dev.subtitles.manager.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes the event that ends a job into the outbox, once: its id is derived from the job (see
 * {@code EventSource.terminalEvent}), so a repeated or retried write finds the row there and adds nothing
 * ({@code on conflict (event_id) do nothing}). One statement each, atomic with what it records on the job.
 */
@ApplicationScoped
public class TerminalEventWriter {

    private static final String CANCEL = "with cancelled as (update manager.job"
            + " set cancel_requested_at = coalesce(cancel_requested_at, $2) where id = $1"
            + " returning cancel_requested_at),"
            + " appended as (insert into manager.outbox (event_id, job_id, type, body, created_at)"
            + " select $3, $1, $4, $5, $6 from cancelled on conflict (event_id) do nothing)"
            + " select cancel_requested_at from cancelled";
    private static final String APPEND_AND_SETTLE = "with settled as (update manager.job set settled_at = now()"
            + " where id = $1 returning id),"
            + " appended as (insert into manager.outbox (event_id, job_id, type, body, created_at)"
            + " select $2, $1, $3, $4, $5 from settled on conflict (event_id) do nothing)"
            + " select count(*) from settled";

    private final Pool pool;

    public TerminalEventWriter(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records the job's cancellation (its first request time is kept) and appends its {@code job.cancelled}.
     *
     * @return when the cancellation was first requested; {@code null} when there is no such job
     */
    public Uni<Instant> cancel(UUID jobId, Instant requestedAt, OutboxMessage event) {
        return pool.preparedQuery(CANCEL)
                .execute(Tuple.of(jobId, utc(requestedAt), event.eventId, event.type, Buffer.buffer(event.body),
                        utc(event.createdAt)))
                .map(rows -> rows.size() == 0 ? null
                        : rows.iterator().next().getOffsetDateTime("cancel_requested_at").toInstant());
    }

    /** Marks the job as settled for the deadline sweep and appends {@code event}, on {@code client}'s transaction. */
    public Uni<Void> appendAndSettle(SqlClient client, UUID jobId, OutboxMessage event) {
        return client.preparedQuery(APPEND_AND_SETTLE)
                .execute(Tuple.of(jobId, event.eventId, event.type, Buffer.buffer(event.body), utc(event.createdAt)))
                .replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
