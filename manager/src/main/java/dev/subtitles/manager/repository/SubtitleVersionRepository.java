package dev.subtitles.manager.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.store.NewSubtitleFile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The versions of a done job's subtitle (docs/upgrades.md), read from the subtitles schema: version 1 is the job's first
 * file (the one its {@code subtitle.ready} or {@code subtitle.translated} names, which the caller passes), and each
 * upgrade the downloader stored is a row of {@code subtitles.subtitle_version}. Read only: the downloader writes them.
 */
@ApplicationScoped
public class SubtitleVersionRepository {

    /**
     * Version 1 from its file: the provider (for a machine translation, the provider of the file it was translated
     * from), the score the downloader kept with it, when stored; then the upgrades.
     */
    private static final String LIST = """
            select 1 as version, f.id as file_id,
                case when f.origin = '%1$s' then s.origin else f.origin end as provider, f.engine, f.model, f.language,
                (f.metadata->>'score')::double precision as score, f.origin = '%1$s' as machine_translated,
                f.created_at
            from subtitles.subtitle_file f left join subtitles.subtitle_file s on s.id = f.source_file_id
            where f.id = $2
            union all
            select v.version, v.file_id, v.provider, null, null, f.language, v.score, false, v.created_at
            from subtitles.subtitle_version v join subtitles.subtitle_file f on f.id = v.file_id
            where v.job_id = $1
            order by version""".formatted(NewSubtitleFile.MACHINE_TRANSLATED);
    private static final String FILE_OF_VERSION = "select file_id from subtitles.subtitle_version"
            + " where job_id = $1 and version = $2";
    private static final String FILE_OF_LATEST = "select file_id from subtitles.subtitle_version"
            + " where job_id = $1 order by version desc limit 1";

    private final Pool pool;

    public SubtitleVersionRepository(Pool pool) {
        this.pool = pool;
    }

    /** Every version of job {@code jobId}'s subtitle, oldest first, its first file being {@code firstFileId}. */
    public Uni<List<StoredVersion>> of(UUID jobId, UUID firstFileId) {
        return pool.preparedQuery(LIST).execute(Tuple.of(jobId, firstFileId)).map(rows -> {
            List<StoredVersion> versions = new ArrayList<>(rows.size());
            rows.forEach(row -> versions.add(version(row)));
            return versions;
        });
    }

    /**
     * The file of version {@code version} of the job's subtitle, the latest for {@code null}; a {@code null} item for
     * a version the job does not have.
     */
    public Uni<UUID> fileOf(UUID jobId, UUID firstFileId, Integer version) {
        if (version == null) {
            return pool.preparedQuery(FILE_OF_LATEST).execute(Tuple.of(jobId))
                    .map(rows -> Objects.requireNonNullElse(fileId(rows), firstFileId));
        }
        if (version == 1) {
            return Uni.createFrom().item(firstFileId);
        }
        return pool.preparedQuery(FILE_OF_VERSION).execute(Tuple.of(jobId, version))
                .map(SubtitleVersionRepository::fileId);
    }

    private static UUID fileId(RowSet<Row> rows) {
        return rows.size() == 0 ? null : rows.iterator().next().getUUID("file_id");
    }

    private static StoredVersion version(Row row) {
        return new StoredVersion(row.getInteger("version"), row.getUUID("file_id"), row.getString("provider"),
                row.getString("engine"), row.getString("model"), row.getString("language"), row.getDouble("score"),
                row.getBoolean("machine_translated"), row.getOffsetDateTime("created_at").toInstant());
    }

    /**
     * One version as stored.
     *
     * @param provider where the subtitle came from (for a machine translation, where its source came from); may be
     *        {@code null} for a translation whose source is gone
     * @param engine the translation engine, for a machine translation
     * @param score how well it matched the request; {@code null} for a machine translation, or a file stored without
     *        one
     */
    public record StoredVersion(int version, UUID fileId, String provider, String engine, String model,
            String language, Double score, boolean machineTranslated, Instant createdAt) {
    }
}
