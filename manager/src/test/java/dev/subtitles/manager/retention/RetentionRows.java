package dev.subtitles.manager.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import dev.subtitles.common.store.NewSubtitleFile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Writes and counts the rows of jobs, event log, files and contents the clean-up tests start from. */
final class RetentionRows {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Pool pool;
    private final String eventSchema;

    RetentionRows(Pool pool, String eventSchema) {
        this.pool = pool;
        this.eventSchema = eventSchema;
    }

    /** A job submitted {@code age} ago and settled {@code settledAgo} ago ({@code null}: still running). */
    UUID job(Duration age, Duration settledAgo) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        run("insert into manager.job (id, created_at, video_title, language, format, settled_at)"
                + " values ($1, $2, 'Retention', 'es', 'srt', $3)", id, at(now.minus(age)),
                settledAgo == null ? null : at(now.minus(settledAgo)));
        run("insert into manager.idempotency_key (key, request_hash, job_id) values ($1, 'hash', $2)",
                "key-" + id, id);
        for (int seq = 1; seq <= 2; seq++) {
            run("insert into " + eventSchema + ".job_event (event_id, job_id, seq, type, source, event_time,"
                    + " cloud_event) values ($1, $2, $3, 'job.submitted', '/test', now(), '{}'::jsonb)",
                    UUID.randomUUID(), id, (long) seq);
        }
        run("insert into " + eventSchema + ".job_sequence (job_id, last_seq) values ($1, 2)", id);
        return id;
    }

    /** A stored file of {@code job} with {@code sha256} as its content, translated from {@code source} if set. */
    UUID file(UUID job, String sha256, UUID source) {
        UUID id = UUID.randomUUID();
        run("insert into subtitles.subtitle_content (sha256, content) values ($1, 'cues') on conflict do nothing",
                sha256);
        run("insert into subtitles.subtitle_file (id, job_id, language, format, sha256, size_bytes, origin,"
                + " source_file_id) values ($1, $2, 'es', 'srt', $3, 4, $4, $5)", id, job, sha256,
                source == null ? "library" : NewSubtitleFile.MACHINE_TRANSLATED, source);
        return id;
    }

    long count(String table, String column, Object value) {
        return pool.preparedQuery("select count(*) from " + table + " where " + column + " = $1")
                .execute(Tuple.of(value)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    long events(UUID job) {
        return count(eventSchema + ".job_event", "job_id", job) + count(eventSchema + ".job_sequence", "job_id", job);
    }

    void run(String sql, Object... parameters) {
        pool.preparedQuery(sql).execute(Tuple.from(Arrays.asList(parameters))).await().atMost(WAIT);
    }

    private static Object at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
