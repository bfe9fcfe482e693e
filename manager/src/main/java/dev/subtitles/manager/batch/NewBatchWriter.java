package dev.subtitles.manager.batch;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.event.EventType;
import dev.subtitles.manager.repository.Job;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes a batch, its jobs, their outbox events and (when the client sent one) its idempotency key with <em>one</em>
 * statement of data-modifying CTEs, as {@code NewJobWriter} writes a single job: all of it commits or none of it, in
 * one round trip. The jobs and events go in as arrays, one per column, through {@code unnest}; what every job of the
 * batch shares (tenant, language, format, providers, priority, creation time) goes in once. The events are inserted in batch
 * order, which is the order the relay publishes them in.
 * <p>
 * A key its tenant already used makes the statement fail on {@code batch_idempotency_key_pkey} and writes nothing.
 */
@ApplicationScoped
class NewBatchWriter {

    private static final String BATCH_JOBS_AND_EVENTS = "with new_batch as (insert into manager.batch (id, tenant,"
            + " created_at, series_title, series_year, imdb_id, tmdb_id, season, language, format, job_ids)"
            + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)),"
            + " new_jobs as (insert into manager.job (id, created_at, video_title, video_year, imdb_id, tmdb_id,"
            + " season, episode, file_hash, video_url, language, preferred_providers, format, hearing_impaired,"
            + " tenant, batch_id, priority)"
            + " select j.id, $3, j.title, j.year, j.imdb_id, j.tmdb_id, j.season, j.episode, j.file_hash, j.url,"
            + " $9, $12, $10, $13, $2, $1, $25"
            + " from unnest($11::uuid[], $14::text[], $15::int[], $16::text[], $17::int[], $18::int[], $19::int[],"
            + " $20::text[], $21::text[]) as j(id, title, year, imdb_id, tmdb_id, season, episode, file_hash, url)),"
            + " new_events as (insert into manager.outbox (event_id, job_id, type, routing_key, body, created_at)"
            + " select e.event_id, e.job_id, $22, $26, e.body, $3"
            + " from unnest($23::uuid[], $11::uuid[], $24::bytea[]) with ordinality as e(event_id, job_id, body, n)"
            + " order by e.n)";
    private static final String WITHOUT_KEY = BATCH_JOBS_AND_EVENTS + " select 1";
    private static final String WITH_KEY = BATCH_JOBS_AND_EVENTS
            + " insert into manager.batch_idempotency_key (tenant, key, request_hash, batch_id, created_at)"
            + " values ($2, $27, $28, $1, $3)";

    private final Pool pool;

    NewBatchWriter(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts the batch, its jobs and events and, unless the batch has no idempotency key, the key, atomically.
     *
     * @return fails with the database error (a duplicate key among them) when nothing was written
     */
    Uni<Void> insert(NewBatch batch) {
        List<Job> jobs = batch.jobs();
        Job first = jobs.get(0);
        BatchRequest.SeriesRequest series = batch.plan().series();
        List<Object> values = new ArrayList<>(Arrays.asList(batch.id(), batch.tenant(), utc(batch.createdAt()),
                series == null ? null : series.title(), series == null ? null : series.year(),
                series == null ? null : series.imdbId(), series == null ? null : series.tmdbId(),
                batch.plan().season(), first.language, first.format, column(jobs, job -> job.id, UUID[]::new),
                first.preferredProviders, first.hearingImpaired,
                column(jobs, job -> job.videoTitle, String[]::new), column(jobs, job -> job.videoYear, Integer[]::new),
                column(jobs, job -> job.imdbId, String[]::new), column(jobs, job -> job.tmdbId, Integer[]::new),
                column(jobs, job -> job.season, Integer[]::new), column(jobs, job -> job.episode, Integer[]::new),
                column(jobs, job -> job.fileHash, String[]::new), column(jobs, job -> job.videoUrl, String[]::new),
                EventType.DOWNLOAD_REQUESTED.routingKey(),
                column(batch.events(), event -> event.eventId, UUID[]::new),
                column(batch.events(), event -> Buffer.buffer(event.body), Buffer[]::new), first.priority,
                batch.events().get(0).routingKey));
        String sql = WITHOUT_KEY;
        if (batch.idempotencyKey() != null) {
            values.add(batch.idempotencyKey());
            values.add(batch.requestHash());
            sql = WITH_KEY;
        }
        return pool.preparedQuery(sql).execute(Tuple.tuple(values)).replaceWithVoid();
    }

    private static <T, C> C[] column(List<T> rows, Function<T, C> value, IntFunction<C[]> array) {
        return rows.stream().map(value).toArray(array);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
