package dev.subtitles.manager.batch;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.manager.config.ManagerConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes what batches leave behind: their idempotency keys after {@code manager.jobs.idempotency-retention} (as the
 * outbox maintenance does for jobs' keys, on the same interval), and a batch once the retention clean-up deleted all
 * its jobs and it is older than {@code manager.retention.age} (on the retention's interval). A batch some of whose
 * jobs are deleted shows the ones left.
 */
@ApplicationScoped
class BatchMaintenance {

    private static final Logger LOG = Logger.getLogger(BatchMaintenance.class);
    private static final int ROUND = 1000;
    private static final String PRUNE_KEYS = "delete from manager.batch_idempotency_key where created_at < $1";
    private static final String DELETE_EMPTY = "delete from manager.batch where id in (select b.id from"
            + " manager.batch b where b.created_at < $1 and not exists (select 1 from manager.job j"
            + " where j.batch_id = b.id) limit $2)";

    private final Pool pool;
    private final ManagerConfig config;

    BatchMaintenance(Pool pool, ManagerConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(every = "${manager.outbox.prune-interval:5m}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> pruneKeys() {
        Instant cutoff = Instant.now().minus(config.jobs().idempotencyRetention());
        return pool.preparedQuery(PRUNE_KEYS).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC)))
                .ifNoItem().after(config.dependencies().timeout().multipliedBy(4)).fail()
                .invoke(rows -> LOG.debugf("pruned %d expired batch idempotency key(s)", rows.rowCount()))
                .onFailure().invoke(failure -> LOG.warnf("pruning batch idempotency keys failed, the next round tries"
                        + " again: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @Scheduled(every = "${manager.retention.interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> deleteEmptyBatches() {
        return deleteEmpty().flatMap(deleted -> deleted == ROUND ? deleteEmptyBatches() : Uni.createFrom().voidItem())
                .onFailure().invoke(failure -> LOG.warnf("deleting batches without jobs failed, the next round tries"
                        + " again: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** One round: deletes up to {@value #ROUND} batches past the retention age whose jobs are all deleted. */
    Uni<Integer> deleteEmpty() {
        Instant cutoff = Instant.now().minus(config.retention().age());
        return pool.preparedQuery(DELETE_EMPTY).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), ROUND))
                .ifNoItem().after(config.dependencies().timeout().multipliedBy(4)).fail()
                .map(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.infof("deleted %d batch(es) whose jobs the retention deleted", rows.rowCount());
                    }
                    return rows.rowCount();
                });
    }
}
