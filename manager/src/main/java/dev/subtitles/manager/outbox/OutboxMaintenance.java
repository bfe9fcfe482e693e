package dev.subtitles.manager.outbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.repository.IdempotencyKeyRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox's periodic chores: waking the relay for rows no submission woke it for, measuring the backlog
 * ({@code manager.outbox.unsent}, {@code manager.outbox.oldest.unsent.seconds}) and deleting what is no longer needed
 * (sent rows past their retention, expired idempotency keys).
 */
@Startup
@ApplicationScoped
public class OutboxMaintenance {

    private static final Logger LOG = Logger.getLogger(OutboxMaintenance.class);

    private static final String BACKLOG = "select count(*) as unsent,"
            + " coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as oldest_seconds"
            + " from manager.outbox where sent_at is null";
    private static final String PRUNE_SENT = "delete from manager.outbox where sent_at < $1";

    private final OutboxRelay relay;
    private final Pool pool;
    private final IdempotencyKeyRepository idempotencyKeys;
    private final ManagerConfig config;
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicLong oldestUnsentMillis = new AtomicLong();

    public OutboxMaintenance(OutboxRelay relay, Pool pool, IdempotencyKeyRepository idempotencyKeys,
            ManagerConfig config, MeterRegistry registry) {
        this.relay = relay;
        this.pool = pool;
        this.idempotencyKeys = idempotencyKeys;
        this.config = config;
        Gauge.builder("manager.outbox.unsent", unsent, AtomicLong::get)
                .description("Outbox events not yet confirmed by the broker").register(registry);
        Gauge.builder("manager.outbox.oldest.unsent.seconds", oldestUnsentMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest unsent outbox event: how far publishing lags behind")
                .register(registry);
    }

    @Scheduled(every = "${manager.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> poll() {
        relay.wake();
        return pool.query(BACKLOG).execute().ifNoItem().after(config.dependencies().timeout()).fail().invoke(rows -> {
            Row row = rows.iterator().next();
            unsent.set(row.getLong("unsent"));
            oldestUnsentMillis.set(Math.round(row.getDouble("oldest_seconds") * 1000));
        }).replaceWithVoid();
    }

    @Scheduled(every = "${manager.outbox.prune-interval:5m}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> prune() {
        Instant now = Instant.now();
        Uni<Integer> sentRows = pool.preparedQuery(PRUNE_SENT)
                .execute(Tuple.of(now.minus(config.outbox().retention()).atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
        Uni<Long> keys = Panache
                .withTransaction(() -> idempotencyKeys.deleteOlderThan(now.minus(config.jobs().idempotencyRetention())));
        return sentRows.flatMap(rows -> keys.invoke(keyCount -> LOG.debugf(
                "pruned %d sent outbox row(s) and %d expired idempotency key(s)", rows, keyCount)))
                .ifNoItem().after(config.dependencies().timeout().multipliedBy(4)).fail()
                .replaceWithVoid();
    }
}
