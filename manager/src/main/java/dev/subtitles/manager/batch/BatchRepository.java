package dev.subtitles.manager.batch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads batches with plain SQL (a live stream's admission has no Hibernate session to run in). Only a batch of the
 * asking tenant is found: another tenant's is as unknown as an id nobody used.
 */
@ApplicationScoped
class BatchRepository {

    private static final String COLUMNS = "b.id, b.created_at, b.series_title, b.series_year, b.imdb_id, b.tmdb_id,"
            + " b.season, b.language, b.format, cardinality(b.job_ids) as size";
    private static final String WITH_MEMBERS = "select " + COLUMNS + ", j.id as job_id, j.video_title, j.season as"
            + " job_season, j.episode from manager.batch b left join manager.job j on j.batch_id = b.id"
            + " where b.id = $1 and b.tenant = $2 order by array_position(b.job_ids, j.id)";
    private static final String KNOWN = "select exists (select 1 from manager.batch where id = $1 and tenant = $2)"
            + " as known";
    private static final String NEWEST_FIRST = "select " + COLUMNS + " from manager.batch b where b.tenant = $1"
            + " and (b.created_at, b.id) < ($2, $3) order by b.created_at desc, b.id desc limit $4";
    private static final String KEY = "select batch_id, request_hash from manager.batch_idempotency_key"
            + " where tenant = $1 and key = $2";
    private static final UUID HIGHEST_ID = new UUID(-1L, -1L);

    private final Pool pool;

    BatchRepository(Pool pool) {
        this.pool = pool;
    }

    /** Batch {@code id} of {@code tenant} with its members, or {@code null}. */
    Uni<Batch> findOwned(String tenant, UUID id) {
        return pool.preparedQuery(WITH_MEMBERS).execute(Tuple.of(id, tenant)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            List<Batch.Member> members = new ArrayList<>(rows.size());
            Row first = null;
            for (Row row : rows) {
                first = first == null ? row : first;
                if (row.getUUID("job_id") != null) {
                    members.add(new Batch.Member(row.getUUID("job_id"), row.getString("video_title"),
                            row.getInteger("job_season"), row.getInteger("episode")));
                }
            }
            return batch(first, members);
        });
    }

    /** Whether {@code tenant} has a batch {@code id}. */
    Uni<Boolean> known(String tenant, UUID id) {
        return pool.preparedQuery(KNOWN).execute(Tuple.of(id, tenant))
                .map(rows -> rows.iterator().next().getBoolean("known"));
    }

    /**
     * Up to {@code limit} batches of {@code tenant}, newest first, after the position {@code (createdAt, id)}; from the
     * newest when {@code createdAt} is {@code null}. Without members.
     */
    Uni<List<Batch>> newestFirst(String tenant, Instant createdAt, UUID id, int limit) {
        Instant before = createdAt == null ? Instant.parse("9999-12-31T23:59:59Z") : createdAt;
        UUID beforeId = createdAt == null ? HIGHEST_ID : id;
        return pool.preparedQuery(NEWEST_FIRST)
                .execute(Tuple.of(tenant, before.atOffset(ZoneOffset.UTC), beforeId, limit))
                .map(BatchRepository::batches);
    }

    /** The batch an idempotency key of {@code tenant} created and its request's hash, or {@code null}. */
    Uni<StoredKey> key(String tenant, String key) {
        return pool.preparedQuery(KEY).execute(Tuple.of(tenant, key)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new StoredKey(row.getUUID("batch_id"), row.getString("request_hash"));
        });
    }

    private static List<Batch> batches(RowSet<Row> rows) {
        List<Batch> batches = new ArrayList<>(rows.size());
        for (Row row : rows) {
            batches.add(batch(row, List.of()));
        }
        return batches;
    }

    private static Batch batch(Row row, List<Batch.Member> members) {
        String title = row.getString("series_title");
        BatchRequest.SeriesRequest series = title == null ? null
                : new BatchRequest.SeriesRequest(title, row.getInteger("series_year"), row.getString("imdb_id"),
                        row.getInteger("tmdb_id"));
        return new Batch(row.getUUID("id"), row.getOffsetDateTime("created_at").toInstant(), series,
                row.getInteger("season"), row.getString("language"), row.getString("format"), row.getInteger("size"),
                members);
    }

    /** An idempotency key as stored: the batch it made and the hash of the request that made it. */
    record StoredKey(UUID batchId, String requestHash) {
    }
}
