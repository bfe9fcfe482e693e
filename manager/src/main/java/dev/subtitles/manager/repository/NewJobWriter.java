package dev.subtitles.manager.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes a new job, its first outbox event and (when the client sent one) its idempotency key, in the job's tenant, with
 * <em>one</em> statement that also checks the tenant's cap on jobs in flight: data-modifying CTEs run as a single statement, so
 * the three rows commit together or not at all (the
 * transactional outbox, docs/reliability.md) in one round trip, without a session, BEGIN or COMMIT. This is the
 * submission's hot path; the other writes go through Hibernate.
 * <p>
 * A key its tenant already used makes the statement fail on {@code idempotency_key_pkey} and writes nothing.
 */
@ApplicationScoped
public class NewJobWriter {

    /** Whether the tenant ($15) has fewer than $20 unsettled jobs: counted up to $20, as {@code JobsInFlight} does. */
    private static final String ROOM = "with room as (select count(*) < $20 as ok from (select 1 from manager.job"
            + " where tenant = $15 and settled_at is null limit $20) as unsettled_jobs),";
    private static final String JOB = " new_job as (insert into manager.job (id, created_at, video_title, video_year,"
            + " imdb_id, tmdb_id, season, episode, file_hash, video_url, language, preferred_providers, format,"
            + " hearing_impaired, tenant, priority)"
            + " select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $21 from room where ok"
            + " returning id),"
            + " new_event as (insert into manager.outbox (event_id, job_id, type, routing_key, body, created_at)"
            + " select $16, id, $17, $22, $18, $19 from new_job)";
    private static final String JOB_AND_EVENT = ROOM + JOB + " select ok from room";
    private static final String JOB_EVENT_AND_KEY = ROOM + JOB + ","
            + " new_key as (insert into manager.idempotency_key (tenant, key, request_hash, job_id, created_at)"
            + " select $15, $23, $24, id, $2 from new_job)"
            + " select ok from room";

    private final Pool pool;

    public NewJobWriter(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts the job, its event and, unless {@code key} is {@code null}, the key, atomically, if the job's tenant
     * has fewer than {@code unsettledBelow} unsettled jobs (the cap on jobs in flight, checked in the same statement).
     *
     * @return whether it wrote (false: the tenant had that many); fails with the database error (a duplicate key
     *         among them) when nothing was written
     */
    public Uni<Boolean> insert(Job job, OutboxMessage event, IdempotencyKey key, int unsettledBelow) {
        List<Object> values = new ArrayList<>(Arrays.asList(job.id, utc(job.createdAt), job.videoTitle,
                job.videoYear, job.imdbId, job.tmdbId, job.season, job.episode, job.fileHash, job.videoUrl,
                job.language, job.preferredProviders, job.format, job.hearingImpaired, job.tenant,
                event.eventId, event.type, Buffer.buffer(event.body), utc(event.createdAt), unsettledBelow,
                job.priority, event.routingKey));
        String sql = JOB_AND_EVENT;
        if (key != null) {
            values.add(key.key);
            values.add(key.requestHash);
            sql = JOB_EVENT_AND_KEY;
        }
        return pool.preparedQuery(sql).execute(Tuple.tuple(values))
                .map(rows -> rows.iterator().next().getBoolean("ok"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
