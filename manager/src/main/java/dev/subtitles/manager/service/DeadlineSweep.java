package dev.subtitles.manager.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.payload.ErrorCode;
import dev.subtitles.common.event.payload.JobCancelled;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.Stage;
import dev.subtitles.common.outcome.JobOutcomes;
import dev.subtitles.common.outcome.JobOutcomes.Outcome;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.outbox.EventOutbox;
import dev.subtitles.manager.projection.JobState;
import dev.subtitles.manager.repository.JobSettlement;
import dev.subtitles.manager.repository.TerminalEventWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Ends the jobs nothing ended within {@code manager.deadline.timeout} of their submission, so that no job waits
 * forever (a worker that lost it, a message dropped on the way).
 * <p>
 * Each round locks a batch of unsettled jobs past their deadline ({@code FOR UPDATE SKIP LOCKED}: several manager
 * instances take different jobs) and settles each in the same transaction:
 * <ul>
 * <li>projected in a terminal phase: it ended, nothing to do;</li>
 * <li>otherwise {@link JobOutcomes} decides {@link Outcome#TIMED_OUT}; if that stands, the sweep appends
 * {@code job.failed} with code {@code DEADLINE_EXCEEDED}. If a worker decided first ({@link Outcome#FINISHED}) the job
 * ends with the worker's event; if a user did ({@link Outcome#CANCELLED}), the sweep appends that job's
 * {@code job.cancelled} (the same event, by its derived id, as the cancellation's own, so nothing is added if it was
 * written: this repairs a cancellation interrupted between its decision and its event).</li>
 * </ul>
 * Event ids are derived from the job, so a round that fails after deciding (and is rolled back) is simply done again
 * by the next one with the same outcome and the same event.
 */
@Startup
@ApplicationScoped
public class DeadlineSweep {

    private static final Logger LOG = Logger.getLogger(DeadlineSweep.class);
    /** The {@code errorCode} of the {@code job.failed} a deadline ends a job with. */
    public static final String ERROR_CODE = ErrorCode.DEADLINE_EXCEEDED.name();

    private static final String SELECT_OVERDUE = "select id, tenant from manager.job where settled_at is null"
            + " and created_at < $1 order by created_at limit $2 for update skip locked";

    private final Pool pool;
    private final JobStateService states;
    private final JobOutcomes outcomes;
    private final TerminalEventWriter writer;
    private final JobSettlement settlement;
    private final EventOutbox outbox;
    private final EventSource events;
    private final Duration timeout;
    private final int batchSize;
    private final Counter timedOut;
    private final Duration roundTimeout;

    public DeadlineSweep(Pool pool, JobStateService states, JobOutcomes outcomes, TerminalEventWriter writer,
            JobSettlement settlement, EventOutbox outbox, EventSource events, ManagerConfig config,
            MeterRegistry registry) {
        this.pool = pool;
        this.states = states;
        this.outcomes = outcomes;
        this.writer = writer;
        this.settlement = settlement;
        this.outbox = outbox;
        this.events = events;
        this.timeout = config.deadline().timeout();
        this.batchSize = config.deadline().batchSize();
        // A round waits on PostgreSQL and Redis a few times per job; bounded so that a hung round cannot stop
        // the sweep (rounds do not overlap) for good. A timed-out round rolls back and is done again.
        this.roundTimeout = config.dependencies().timeout().multipliedBy(10);
        this.timedOut = Counter.builder("manager.jobs.timed.out")
                .description("Jobs ended as failed by the deadline sweep").register(registry);
    }

    @Scheduled(every = "${manager.deadline.sweep-interval:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return round()
                .onFailure().invoke(failure -> LOG.warnf("deadline sweep round failed, the next one tries again: %s",
                        failure.getMessage()))
                .onFailure().recoverWithItem(0)
                .flatMap(settled -> settled == batchSize ? sweep() : Uni.createFrom().voidItem());
    }

    /**
     * One round, in a transaction of its own: the number of jobs settled. Rounds running at once (here or in other
     * instances) take different jobs.
     */
    @WithSpan("DeadlineSweep.round")
    public Uni<Integer> round() {
        Instant cutoff = Instant.now().minus(timeout);
        AtomicInteger appended = new AtomicInteger();
        return pool.withTransaction(connection -> connection.preparedQuery(SELECT_OVERDUE)
                .execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), batchSize))
                .flatMap(rows -> {
                    Map<UUID, String> tenants = new LinkedHashMap<>();
                    for (Row row : rows) {
                        tenants.put(row.getUUID("id"), row.getString("tenant"));
                    }
                    if (tenants.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return states.statesOf(List.copyOf(tenants.keySet()))
                            .flatMap(found -> settleAll(connection, tenants, found, appended));
                }))
                .ifNoItem().after(roundTimeout).fail()
                .invoke(settled -> {
                    if (appended.get() > 0) {
                        outbox.committed();
                    }
                    if (settled > 0) {
                        LOG.debugf("deadline sweep settled %d job(s), %d ended by it", settled.intValue(), appended.get());
                    }
                });
    }

    private Uni<Integer> settleAll(SqlConnection connection, Map<UUID, String> tenants, Map<UUID, JobState> found,
            AtomicInteger appended) {
        return Multi.createFrom().iterable(tenants.entrySet())
                .onItem().transformToUniAndConcatenate(job -> settle(connection, job.getKey(), job.getValue(),
                        found.get(job.getKey()), appended))
                .collect().asList().map(List::size);
    }

    private Uni<Void> settle(SqlConnection connection, UUID jobId, String tenant, JobState state,
            AtomicInteger appended) {
        if (state.phase().isTerminal()) {
            return settlement.settle(connection, jobId);
        }
        return outcomes.decide(jobId, Outcome.TIMED_OUT).flatMap(outcome -> switch (outcome) {
            case TIMED_OUT -> {
                LOG.warnf("job %s was not ended within %s of its submission (it is %s): it ends as failed", jobId,
                        timeout, state.phase());
                timedOut.increment();
                appended.incrementAndGet();
                yield writer.appendAndSettle(connection, jobId, outbox.message(events.terminalEvent(jobId, tenant,
                        new JobFailed(stageOf(state.phase()), ERROR_CODE, "the job did not finish within "
                                + timeout.toString().substring(2).toLowerCase(Locale.ROOT) + " of its submission"))));
            }
            case CANCELLED -> {
                appended.incrementAndGet();
                yield writer.appendAndSettle(connection, jobId, outbox.message(events.terminalEvent(jobId, tenant,
                        new JobCancelled(JobCancellationService.REASON))));
            }
            case FINISHED -> settlement.settle(connection, jobId);
        });
    }

    private static Stage stageOf(JobPhase phase) {
        return phase == JobPhase.TRANSLATE_QUEUED || phase == JobPhase.TRANSLATE_IN_PROGRESS ? Stage.TRANSLATE
                : Stage.DOWNLOAD;
    }
}
