package dev.subtitles.downloader.upgrade;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The later versions of done jobs' subtitles ({@code subtitles.subtitle_version}, docs/upgrades.md): the downloader
 * records each upgrade it stores, numbered after the job's latest version. Version 1, the job's first file, has no row.
 */
@ApplicationScoped
public class SubtitleVersions {

    private static final String LATEST_BEFORE = "select version, score from subtitles.subtitle_version"
            + " where job_id = $1 and request_id <> $2 order by version desc limit 1";
    /**
     * Numbers a new version after the job's latest (2 after none); a file that is a version already keeps its number
     * and the request that recorded it. Two searches of one job recording at once collide on the primary key: one
     * fails, and its delivery runs again.
     */
    private static final String RECORD = "with existing as (select version, request_id"
            + " from subtitles.subtitle_version where job_id = $1 and file_id = $2),"
            + " inserted as (insert into subtitles.subtitle_version (job_id, version, file_id, provider, score,"
            + " request_id) select $1, coalesce((select max(version) from subtitles.subtitle_version"
            + " where job_id = $1), 1) + 1, $2, $3, $4, $5 where not exists (select 1 from existing)"
            + " returning version, request_id)"
            + " select version, request_id from inserted union all select version, request_id from existing";

    private final Pool pool;

    public SubtitleVersions(Pool pool) {
        this.pool = pool;
    }

    /**
     * The job's latest version recorded by another search than {@code requestId}: what a redelivered search has to
     * beat is what was current before it ran the first time.
     */
    public Uni<Optional<Baseline>> latestBefore(UUID jobId, UUID requestId) {
        return pool.preparedQuery(LATEST_BEFORE).execute(Tuple.of(jobId, requestId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(Baseline.stored(row.getInteger("version"), row.getDouble("score")));
        });
    }

    /**
     * Records {@code fileId} as the job's next version, found by the search of {@code requestId}; a file recorded
     * before keeps its version and its search.
     */
    public Uni<Recorded> record(UUID jobId, UUID fileId, String provider, int score, UUID requestId) {
        return pool.preparedQuery(RECORD).execute(Tuple.of(jobId, fileId, provider, (double) score, requestId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Recorded(row.getInteger("version"), row.getUUID("request_id"));
                });
    }

    /**
     * A recorded version.
     *
     * @param version its number
     * @param requestId the search that recorded it
     */
    public record Recorded(int version, UUID requestId) {
    }
}
