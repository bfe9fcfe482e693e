package dev.subtitles.manager.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.subtitles.common.metrics.DurationBuckets;
import dev.subtitles.manager.config.ManagerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Moves events from {@code manager.outbox} to the broker (docs/reliability.md).
 * <p>
 * One round locks a batch of unsent rows ({@code FOR UPDATE SKIP LOCKED}, so other manager instances take other
 * rows instead of waiting or publishing the same ones), publishes them with confirms and marks them sent, all in one
 * transaction: if publishing fails the transaction rolls back and the rows are retried later. A row is only taken
 * when no older row of its job is unsent, which keeps each job's events in order across instances. A broker
 * failure after the publish but before the commit can still publish a row twice; consumers dedupe by event id.
 * <p>
 * Rounds run one at a time per instance, back to back while there is work. {@link #wake()} starts them right after
 * a submission commits; {@link OutboxMaintenance} wakes the relay periodically for anything left over. After a
 * failed round the relay waits for that periodic wake-up instead of retrying at the rate of submissions.
 */
@Startup
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    // waited_ms: how long each row has waited so far: its created_at is the submitting manager's clock, compared with
    // the database's, so the figure carries whatever skew the two hosts have.
    private static final String SELECT_BATCH = "select o.id, o.event_id, o.job_id, o.type,"
            + " coalesce(o.routing_key, o.type) as routing_key, o.body,"
            + " (extract(epoch from clock_timestamp() - o.created_at) * 1000)::float8 as waited_ms"
            + " from manager.outbox o"
            + " where o.sent_at is null and not exists (select 1 from manager.outbox earlier"
            + " where earlier.job_id = o.job_id and earlier.sent_at is null and earlier.id < o.id)"
            + " order by o.id limit $1 for update of o skip locked";
    private static final String MARK_SENT = "update manager.outbox set sent_at = now() where id = any($1)";

    private final Pool pool;
    private final OutboxPublisher publisher;
    private final RelayTracing tracing;
    private final int batchSize;
    private final long pauseAfterFailureMillis;
    private final Counter published;
    private final Timer lag;
    private final Duration roundTimeout;
    private final Context relayContext;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenWhileRunning = new AtomicBoolean();
    private volatile Instant pausedUntil = Instant.MIN;
    private volatile boolean failing;
    private volatile boolean stopping;

    public OutboxRelay(Pool pool, OutboxPublisher publisher, RelayTracing tracing, ManagerConfig config,
            MeterRegistry registry, Vertx vertx) {
        this.tracing = tracing;
        this.pool = pool;
        // Rounds run on a context of their own: woken from a request, they would otherwise run in that request's
        // context and log under its job id (JobMdc), though a round publishes many jobs' events.
        this.relayContext = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        this.publisher = publisher;
        this.batchSize = config.outbox().batchSize();
        this.pauseAfterFailureMillis = config.outbox().pollInterval().toMillis() / 2;
        // A publish is bounded by OutboxPublisher; this also bounds the database's part, so that a hung round
        // cannot stop the relay for good.
        this.roundTimeout = config.outbox().confirmTimeout().plus(config.broker().connectTimeout())
                .plus(config.dependencies().timeout().multipliedBy(2));
        this.published = Counter.builder("manager.outbox.published")
                .description("Outbox events published to the broker and confirmed").register(registry);
        this.lag = DurationBuckets.timer("manager.outbox.lag")
                .description("From an event's commit to the outbox to the broker's confirm of its publish")
                .register(registry);
    }

    /** No round starts once the application stops; one still running may fail as the pool closes, quietly. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Publishes whatever is unsent, starting now unless a round is already running (which will then go on). */
    public void wake() {
        if (stopping || Instant.now().isBefore(pausedUntil)) {
            return;
        }
        wokenWhileRunning.set(true);
        if (running.compareAndSet(false, true)) {
            relayContext.runOnContext(ignored -> runRounds());
        }
    }

    private void runRounds() {
        wokenWhileRunning.set(false);
        round().subscribe().with(sent -> {
            if (failing) {
                failing = false;
                LOG.info("outbox relay is publishing again");
            }
            if (sent > 0 || wokenWhileRunning.get()) {
                runRounds();
            } else {
                running.set(false);
                if (wokenWhileRunning.get() && running.compareAndSet(false, true)) {
                    runRounds();
                }
            }
        }, failure -> {
            pausedUntil = Instant.now().plusMillis(pauseAfterFailureMillis);
            if (stopping) {
                LOG.debugf("outbox relay round ended by the shutdown, its events stay queued: %s",
                        failure.getMessage());
            } else if (!failing) {
                failing = true;
                LOG.warnf("outbox relay round failed, events stay queued and are retried: %s", failure.getMessage());
            } else {
                LOG.debugf("outbox relay round failed again: %s", failure.getMessage());
            }
            running.set(false);
        });
    }

    /** One batch: the number of rows published and marked sent. */
    private Uni<Integer> round() {
        return pool.withTransaction(connection -> connection.preparedQuery(SELECT_BATCH)
                .execute(Tuple.of(batchSize))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().item(0) : publishAndMark(connection, rows)))
                .ifNoItem().after(roundTimeout).fail();
    }

    private Uni<Integer> publishAndMark(SqlConnection connection, RowSet<Row> rows) {
        long selectedAt = System.nanoTime();
        List<PendingEvent> events = new ArrayList<>(rows.size());
        double[] waitedMillis = new double[rows.size()];
        for (Row row : rows) {
            waitedMillis[events.size()] = row.getDouble("waited_ms");
            events.add(new PendingEvent(row.getLong("id"), row.getUUID("event_id"), row.getUUID("job_id"),
                    row.getString("type"), row.getString("routing_key"), row.getBuffer("body").getBytes(), null));
        }
        RelayTracing.TracedBatch traced = tracing.start(events);
        Long[] ids = events.stream().map(PendingEvent::id).toArray(Long[]::new);
        return publisher.publish(traced.events())
                .onItemOrFailure().invoke((ignored, failure) -> traced.end(failure))
                .flatMap(confirmed -> connection.preparedQuery(MARK_SENT).execute(Tuple.of(ids)))
                .map(updated -> {
                    long publishNanos = System.nanoTime() - selectedAt;
                    for (double waited : waitedMillis) {
                        lag.record(Math.round(waited * 1_000_000) + publishNanos, TimeUnit.NANOSECONDS);
                    }
                    published.increment(events.size());
                    LOG.debugf("published %d outbox event(s)", events.size());
                    return events.size();
                });
    }
}
