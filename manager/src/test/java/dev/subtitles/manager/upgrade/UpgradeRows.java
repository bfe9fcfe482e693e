package dev.subtitles.manager.upgrade;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The rows the upgrade tests read and arrange: a job's {@code manager.upgrade} row, and versions recorded as the
 * downloader records them ({@code subtitles.subtitle_version}).
 */
public final class UpgradeRows {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Pool pool;

    public UpgradeRows(Pool pool) {
        this.pool = pool;
    }

    /** The job's candidacy, if it has one. */
    public Optional<Candidate> of(UUID job) {
        var rows = pool.preparedQuery("select * from manager.upgrade where job_id = $1").execute(Tuple.of(job))
                .await().atMost(WAIT);
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        OffsetDateTime last = row.getOffsetDateTime("last_searched_at");
        OffsetDateTime next = row.getOffsetDateTime("next_search_at");
        return Optional.of(new Candidate(row.getUUID("original_file_id"), row.getInteger("version"),
                row.getDouble("score"), row.getBoolean("machine_translated"), row.getInteger("searches"),
                last == null ? null : last.toInstant(),
                next.getYear() > 100_000 ? null : next.toInstant()));
    }

    /** Makes the job's next search due now, the job having ended {@code endedAgo} ago. */
    public void due(UUID job, Duration endedAgo) {
        run("update manager.upgrade set finished_at = now() - make_interval(secs => $2), next_search_at = now()"
                + " where job_id = $1", job, (double) endedAgo.toSeconds());
    }

    /** Records {@code fileId} as version {@code version} of the job, as the downloader does after an upgrade. */
    public void version(UUID job, int version, UUID fileId, String provider, double score) {
        run("insert into subtitles.subtitle_version (job_id, version, file_id, provider, score, request_id)"
                + " values ($1, $2, $3, $4, $5, $6)", job, version, fileId, provider, score, UUID.randomUUID());
    }

    /** How many rows of {@code type} the outbox holds for the job. */
    public long outboxRows(UUID job, String type) {
        return pool.preparedQuery("select count(*) from manager.outbox where job_id = $1 and type = $2")
                .execute(Tuple.of(job, type)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private void run(String sql, Object... values) {
        pool.preparedQuery(sql).execute(Tuple.from(values)).await().atMost(WAIT);
    }

    /**
     * A job's candidacy.
     *
     * @param nextSearchAt {@code null} once the job is left alone
     */
    public record Candidate(UUID originalFileId, int version, Double score, boolean machineTranslated, int searches,
            Instant lastSearchedAt, Instant nextSearchAt) {
    }
}
