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
 * <em>one</em>
 * statement: data-modifying CTEs run as a single statement, so the three rows commit together or not at all (the
 * transactional outbox, docs/reliability.md) in one round trip, without a session, BEGIN or COMMIT. This is the
 * submission's hot path; the other writes go through Hibernate.
 * <p>
 * A key its tenant already used makes the statement fail on {@code idempotency_key_pkey} and writes nothing.
 */
@ApplicationScoped
public class NewJobWriter {

    private static final String JOB_AND_EVENT = "with new_job as (insert into manager.job (id, created_at,"
            + " video_title, video_year, imdb_id, tmdb_id, season, episode, file_hash, video_url, language,"
            + " preferred_providers, format, hearing_impaired, tenant)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15))"
            + " insert into manager.outbox (event_id, job_id, type, body, created_at) values ($16, $1, $17, $18, $19)";
    private static final String JOB_EVENT_AND_KEY = "with new_job as (insert into manager.job (id, created_at,"
            + " video_title, video_year, imdb_id, tmdb_id, season, episode, file_hash, video_url, language,"
            + " preferred_providers, format, hearing_impaired, tenant)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)),"
            + " new_event as (insert into manager.outbox (event_id, job_id, type, body, created_at)"
            + " values ($16, $1, $17, $18, $19))"
            + " insert into manager.idempotency_key (tenant, key, request_hash, job_id, created_at)"
            + " values ($15, $20, $21, $1, $2)";

    private final Pool pool;

    public NewJobWriter(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts the job, its event and, unless {@code key} is {@code null}, the key, atomically.
     *
     * @return fails with the database error (a duplicate key among them) when nothing was written
     */
    public Uni<Void> insert(Job job, OutboxMessage event, IdempotencyKey key) {
        List<Object> values = new ArrayList<>(Arrays.asList(job.id, utc(job.createdAt), job.videoTitle,
                job.videoYear, job.imdbId, job.tmdbId, job.season, job.episode, job.fileHash, job.videoUrl,
                job.language, job.preferredProviders, job.format, job.hearingImpaired, job.tenant,
                event.eventId, event.type, Buffer.buffer(event.body), utc(event.createdAt)));
        String sql = JOB_AND_EVENT;
        if (key != null) {
            values.add(key.key);
            values.add(key.requestHash);
            sql = JOB_EVENT_AND_KEY;
        }
        return pool.preparedQuery(sql).execute(Tuple.tuple(values)).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
