package dev.subtitles.manager.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.subtitles.manager.support.Batches;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class BatchMaintenanceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    BatchMaintenance maintenance;

    @Inject
    Pool pool;

    @Test
    void aBatchPastTheRetentionAgeGoesOnceItsJobsAreDeleted() {
        UUID emptied = Batches.submit("Emptied by the retention", 1, 1).id();
        UUID kept = Batches.submit("Still has its jobs", 1, 1).id();
        execute("update manager.batch set created_at = now() - interval '31 days' where id = any($1)",
                (Object) new UUID[] { emptied, kept });
        execute("delete from manager.job where batch_id = $1", emptied);

        maintenance.deleteEmpty().await().atMost(TIMEOUT);

        assertThat(exists(emptied)).isFalse();
        assertThat(exists(kept)).isTrue();
    }

    @Test
    void aRecentBatchWithoutJobsStays() {
        UUID recent = Batches.submit("Recent, jobs gone", 1, 1).id();
        execute("delete from manager.job where batch_id = $1", recent);

        maintenance.deleteEmpty().await().atMost(TIMEOUT);

        assertThat(exists(recent)).isTrue();
    }

    @Test
    void expiredIdempotencyKeysArePruned() {
        UUID batch = Batches.submit("Keyed", 1, 1).id();
        String expired = "expired-" + UUID.randomUUID();
        String fresh = "fresh-" + UUID.randomUUID();
        execute("insert into manager.batch_idempotency_key (tenant, key, request_hash, batch_id, created_at)"
                + " values ('default', $1, 'hash', $2, now() - interval '25 hours')", expired, batch);
        execute("insert into manager.batch_idempotency_key (tenant, key, request_hash, batch_id, created_at)"
                + " values ('default', $1, 'hash', $2, now())", fresh, batch);

        maintenance.pruneKeys().await().atMost(TIMEOUT);

        assertThat(keyExists(expired)).isFalse();
        assertThat(keyExists(fresh)).isTrue();
    }

    private void execute(String sql, Object... parameters) {
        pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(TIMEOUT);
    }

    private boolean exists(UUID batch) {
        return pool.preparedQuery("select 1 from manager.batch where id = $1").execute(Tuple.of(batch))
                .await().atMost(TIMEOUT).size() == 1;
    }

    private boolean keyExists(String key) {
        return pool.preparedQuery("select 1 from manager.batch_idempotency_key where key = $1")
                .execute(Tuple.of(key)).await().atMost(TIMEOUT).size() == 1;
    }
}
