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
 * <b>Idempotent saves.</b> Saving a file whose job, language, format and content (SHA-256) equal those of a
 * file already stored returns the stored file instead of a second copy, so a consumer that handles a redelivered
 * event twice ends up with the same file id both times. The stored file keeps its first origin. Files without a
 * job are never deduplicated.
 * <p>
 * <b>Size limit.</b> Content larger than {@code maxBytes} (measured as UTF-8) is refused with a
 * {@link SubtitleTooLargeException} and nothing is stored.
 * <p>
 * <b>Getting one in a Quarkus service.</b> This class is deliberately not a CDI bean: {@code common} is a plain
 * library, and a bean here would make every service that depends on {@code common} need a reactive datasource.
 * A service that stores or serves subtitles adds {@code io.quarkus:quarkus-reactive-pg-client} and produces the
 * store from the {@link Pool} bean that extension provides:
 *
 * <pre>
 * {
 *     &#64;code
 *     &#64;ApplicationScoped
 *     class SubtitleStoreProducer {
 *
 *         &#64;Produces
 *         &#64;Singleton
 *         SubtitleStore subtitleStore(Pool pool,
 *                 @ConfigProperty(name = "subtitles.store.max-bytes", defaultValue = "2097152") long maxBytes) {
 *             return new SubtitleStore(pool, maxBytes);
 *         }
 *     }
 * }
 * </pre>
 *
 * The schema must exist before the first call: the service runs Flyway with schemas {@code subtitles} and
 * locations {@code db/subtitles} (the migrations ship in {@code common}; the history table lives inside the
 * schema, so several services may run them).
 */
public class SubtitleStore {

    /** The size limit services use unless configured otherwise: 2 MiB. */
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(SubtitleStore.class);

    private static final String COLUMNS = "id, job_id, language, format, content, sha256, size_bytes, origin,"
            + " engine, model, source_file_id, metadata, created_at";

    private static final String INSERT = "insert into subtitles.subtitle_file"
            + " (id, job_id, language, format, content, sha256, size_bytes, origin, engine, model, source_file_id,"
            + " metadata) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
            + " on conflict (job_id, language, format, sha256) do nothing returning " + COLUMNS;

    private static final String SELECT_SAME_CONTENT = "select " + COLUMNS + " from subtitles.subtitle_file"
            + " where job_id = $1 and language = $2 and format = $3 and sha256 = $4";

    private static final String SELECT_BY_ID = "select " + COLUMNS + " from subtitles.subtitle_file where id = $1";

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
                                ? Uni.createFrom().item(toStored(inserted))
                                : findSameContent(file, content)))
                .invoke(stored -> LOG.debugf("stored subtitle file %s for job %s (%s, %s, %d bytes, %s)",
                        stored.id(), stored.jobId(), stored.language(), stored.format().extension(),
                        stored.sizeBytes(), stored.origin()));
    }

    /** Loads a file with its content; a {@code null} item when no file has that id. */
    public Uni<StoredSubtitleFile> findById(UUID id) {
        return pool.preparedQuery(SELECT_BY_ID).execute(Tuple.of(id)).map(SubtitleStore::toStoredOrNull);
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
                file.content(), content.sha256(), content.sizeBytes(), file.origin(), file.engine(), file.model(),
                file.sourceFileId(), new JsonObject(Map.<String, Object> copyOf(file.metadata())) });
    }

    private Uni<StoredSubtitleFile> findSameContent(NewSubtitleFile file, Fingerprint content) {
        return pool.preparedQuery(SELECT_SAME_CONTENT)
                .execute(Tuple.of(file.jobId(), file.language(), file.format().extension(), content.sha256()))
                .map(SubtitleStore::toStoredOrNull)
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "subtitle file for job " + file.jobId() + " conflicted on insert but cannot be found"));
    }

    private static StoredSubtitleFile toStoredOrNull(RowSet<Row> rows) {
        return rows.size() == 0 ? null : toStored(rows);
    }

    private static StoredSubtitleFile toStored(RowSet<Row> rows) {
        Row row = rows.iterator().next();
        return new StoredSubtitleFile(row.getUUID("id"), row.getUUID("job_id"), row.getString("language"),
                SubtitleFormat.fromName(row.getString("format")), row.getString("content"), row.getString("sha256"),
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
