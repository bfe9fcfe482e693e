package dev.subtitles.manager.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.manager.retention.CleanUpRounds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sent outbox rows go after {@code manager.outbox.retention} (1 h), unsent ones never; idempotency keys go after
 * {@code manager.jobs.idempotency-retention} (24 h) without their jobs.
 */
@QuarkusTest
@TestProfile(CleanUpRounds.class)
class OutboxPruneTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    OutboxMaintenance maintenance;

    @Inject
    Pool pool;

    @Test
    void deletesSentRowsPastTheirRetentionAndExpiredKeysOnly() throws Throwable {
        Instant now = Instant.now();
        UUID sentLongAgo = outboxRow(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(2)));
        UUID sentRecently = outboxRow(now.minus(Duration.ofHours(2)), now.minus(Duration.ofMinutes(10)));
        UUID neverSent = outboxRow(now.minus(Duration.ofDays(2)), null);
        UUID job = UUID.randomUUID();
        run("insert into manager.job (id, created_at, video_title, language, format)"
                + " values ($1, now(), 'Pruned', 'es', 'srt')", job);
        String expiredKey = idempotencyKey(job, now.minus(Duration.ofHours(25)));
        String liveKey = idempotencyKey(job, now.minus(Duration.ofHours(23)));

        VertxContextSupport.subscribeAndAwait(maintenance::prune);

        assertThat(count("manager.outbox", "event_id", sentLongAgo)).isZero();
        assertThat(count("manager.outbox", "event_id", sentRecently)).isEqualTo(1);
        assertThat(count("manager.outbox", "event_id", neverSent)).isEqualTo(1);
        assertThat(count("manager.idempotency_key", "key", expiredKey)).isZero();
        assertThat(count("manager.idempotency_key", "key", liveKey)).isEqualTo(1);
        assertThat(count("manager.job", "id", job)).isEqualTo(1);
        run("delete from manager.outbox where event_id = any($1)", (Object) new UUID[] { sentRecently, neverSent });
        run("delete from manager.job where id = $1", job);
    }

    private UUID outboxRow(Instant created, Instant sent) {
        UUID eventId = UUID.randomUUID();
        run("insert into manager.outbox (event_id, job_id, type, body, created_at, sent_at)"
                + " values ($1, $2, 'job.submitted', $3, $4, $5)", eventId, UUID.randomUUID(),
                Buffer.buffer("{}"), created.atOffset(ZoneOffset.UTC), sent == null ? null : sent.atOffset(ZoneOffset.UTC));
        return eventId;
    }

    private String idempotencyKey(UUID job, Instant created) {
        String key = "key-" + UUID.randomUUID();
        run("insert into manager.idempotency_key (key, request_hash, job_id, created_at) values ($1, 'hash', $2, $3)",
                key, job, created.atOffset(ZoneOffset.UTC));
        return key;
    }

    private long count(String table, String column, Object value) {
        return pool.preparedQuery("select count(*) from " + table + " where " + column + " = $1")
                .execute(Tuple.of(value)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private void run(String sql, Object... parameters) {
        pool.preparedQuery(sql).execute(Tuple.from(Arrays.asList(parameters))).await().atMost(WAIT);
    }
}
