package dev.subtitles.common.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import dev.subtitles.common.format.SubtitleFormat;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Saves and loads subtitle files in table {@code subtitles.subtitle_file}, so services pass file ids in messages
 * instead of file bodies (claim check).
 * <p>
 * <b>Each distinct content once.</b> A file row holds the file's job, language, format, origin and the SHA-256 of
 * its content; the content itself is stored once per distinct SHA-256 in {@code subtitles.subtitle_content},
 * however many files (of however many jobs) share it. Many jobs save the same text (every hit of the same library
 * file), and a full copy per file cost table, TOAST and WAL space for each of them. Files stored before the
 * content table existed, or by a service built before it, keep their content inline in the file row, and loading
 * prefers it.
 * <p>
 * <b>Idempotent saves.</b> Saving a file whose job, language, format and content (SHA-256) equal those of a
 * file already stored returns the stored file instead of a second copy, so a consumer that handles a redelivered
 * event twice ends up with the same file id both times. The stored file keeps its first origin. Files without a
 * job are never deduplicated (their content still is).
 * <p>
 * <b>Size limit.</b> Content larger than {@code maxBytes} (measured as UTF-8) is refused with a
 * {@link SubtitleTooLargeException} and nothing is stored.
 * <p>
 * <b>Getting one in a Quarkus service.</b> A service with a PostgreSQL datasource (and
 * {@code io.quarkus:quarkus-reactive-pg-client}) gets one as a bean from {@link SubtitleStoreProducer}, with the size
 * limit of {@code subtitles.store.max-bytes}.
 * <p>
 * The schema must exist before the first call: the {@code migrations} module migrates schema {@code subtitles}
 * ({@code db/subtitles}) before the services start.
 * <p>
 * <b>Deleting files.</b> Deleting file rows leaves their content rows behind, even when no file refers to them any
 * more; nothing here deletes contents. A retention job (not built yet) must delete the contents no file refers to,
 * and must not race with a save of the same content: no foreign key protects a content row that a save is about to
 * refer to (see migration {@code V2__subtitle_content.sql} for why).
 */
public class SubtitleStore {

    /** The size limit services use unless configured otherwise: 2 MiB. */
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(SubtitleStore.class);

    private static final String FILE_COLUMNS = "id, job_id, language, format, sha256, size_bytes, origin, engine,"
            + " model, source_file_id, metadata, created_at";

    /**
     * One statement, so a save is one round trip and one transaction: the content is inserted unless it is stored
     * already, for this job or any other (PostgreSQL runs a data-modifying CTE even though nothing reads its
     * result), then the file row refers to it by SHA-256.
     */
    private static final String INSERT = "with content as (insert into subtitles.subtitle_content (sha256, content)"
            + " values ($5, $6) on conflict (sha256) do nothing)"
            + " insert into subtitles.subtitle_file"
            + " (id, job_id, language, format, sha256, size_bytes, origin, engine, model, source_file_id, metadata)"
            + " values ($1, $2, $3, $4, $5, $7, $8, $9, $10, $11, $12)"
            + " on conflict (job_id, language, format, sha256) do nothing returning " + FILE_COLUMNS;

    private static final String SELECT_SAME_CONTENT = "select " + FILE_COLUMNS + " from subtitles.subtitle_file"
            + " where job_id = $1 and language = $2 and format = $3 and sha256 = $4";

    private static final String SELECT_BY_ID = "select f.id, f.job_id, f.language, f.format, f.sha256, f.size_bytes,"
            + " f.origin, f.engine, f.model, f.source_file_id, f.metadata, f.created_at,"
            + " coalesce(f.content, c.content) as content"
            + " from subtitles.subtitle_file f left join subtitles.subtitle_content c on c.sha256 = f.sha256"
            + " where f.id = $1";

    private final Pool pool;
    private final long maxBytes;

    /**
     * @param pool the reactive PostgreSQL pool of a database where the {@code subtitles} migrations have run
     * @param maxBytes the largest content accepted, in UTF-8 bytes; positive and at most {@link Integer#MAX_VALUE}
     */
    public SubtitleStore(Pool pool, long maxBytes) {
        this.pool = Objects.requireNonNull(pool, "pool");
        if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "maxBytes must be between 1 and " + Integer.MAX_VALUE + ", was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Stores {@code file}, or finds the identical file already stored for its job (see the class comment).
     *
     * @return the stored file with its id; fails with {@link SubtitleTooLargeException} when the content is over
     *         the limit
     */
    public Uni<StoredSubtitleFile> save(NewSubtitleFile file) {
        return Uni.createFrom().item(() -> fingerprint(file))
                .flatMap(content -> pool.preparedQuery(INSERT).execute(insertParameters(file, content))
                        .flatMap(inserted -> inserted.size() > 0
                                ? Uni.createFrom().item(toStored(firstRow(inserted), file.content()))
                                : findSameContent(file, content)))
                .invoke(stored -> LOG.debugf("stored subtitle file %s for job %s (%s, %s, %d bytes, %s)",
                        stored.id(), stored.jobId(), stored.language(), stored.format().extension(),
                        stored.sizeBytes(), stored.origin()));
    }

    /**
     * Loads a file with its content; a {@code null} item when no file has that id. Fails with an
     * {@link IllegalStateException} when the file exists but its content does not (deleted by mistake), rather than
     * handing out a file without a body.
     */
    public Uni<StoredSubtitleFile> findById(UUID id) {
        return pool.preparedQuery(SELECT_BY_ID).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = firstRow(rows);
            String content = row.getString("content");
            if (content == null) {
                throw new IllegalStateException("subtitle file " + id + " refers to content "
                        + row.getString("sha256") + ", which is not stored");
            }
            return toStored(row, content);
        });
    }

    private Fingerprint fingerprint(NewSubtitleFile file) {
        byte[] utf8 = file.content().getBytes(StandardCharsets.UTF_8);
        if (utf8.length > maxBytes) {
            throw new SubtitleTooLargeException(utf8.length, maxBytes);
        }
        return new Fingerprint(sha256Hex(utf8), utf8.length);
    }

    private static Tuple insertParameters(NewSubtitleFile file, Fingerprint content) {
        return Tuple.from(new Object[] { UUID.randomUUID(), file.jobId(), file.language(), file.format().extension(),
                content.sha256(), file.content(), content.sizeBytes(), file.origin(), file.engine(), file.model(),
                file.sourceFileId(), new JsonObject(Map.<String, Object> copyOf(file.metadata())) });
    }

    private Uni<StoredSubtitleFile> findSameContent(NewSubtitleFile file, Fingerprint content) {
        return pool.preparedQuery(SELECT_SAME_CONTENT)
                .execute(Tuple.of(file.jobId(), file.language(), file.format().extension(), content.sha256()))
                .map(rows -> rows.size() == 0 ? null : toStored(firstRow(rows), file.content()))
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "subtitle file for job " + file.jobId() + " conflicted on insert but cannot be found"));
    }

    private static Row firstRow(RowSet<Row> rows) {
        return rows.iterator().next();
    }

    /**
     * @param content the file's content: read through the join when loading; when saving, the content being saved,
     *        which is the stored one (same SHA-256), so it is not sent back from the database
     */
    private static StoredSubtitleFile toStored(Row row, String content) {
        return new StoredSubtitleFile(row.getUUID("id"), row.getUUID("job_id"), row.getString("language"),
                SubtitleFormat.fromName(row.getString("format")), content, row.getString("sha256"),
                row.getInteger("size_bytes"), row.getString("origin"), row.getString("engine"), row.getString("model"),
                row.getUUID("source_file_id"), metadata(row.getJsonObject("metadata")),
                row.getOffsetDateTime("created_at").toInstant());
    }

    private static Map<String, String> metadata(JsonObject json) {
        return json.getMap().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                        entry -> String.valueOf(entry.getValue())));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** What the store computes from a file's content before saving it. */
    private record Fingerprint(String sha256, int sizeBytes) {
    }
}
