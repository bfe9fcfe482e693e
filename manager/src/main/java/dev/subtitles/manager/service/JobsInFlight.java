package dev.subtitles.manager.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.manager.limits.LimitRefusals;
import dev.subtitles.manager.limits.LimitsConfig;
import dev.subtitles.manager.limits.TooManyRequestsException;
import dev.subtitles.manager.projection.JobState;
import dev.subtitles.manager.repository.JobSettlement;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The per-tenant cap on jobs in flight ({@code manager.limits.jobs-in-flight}): a submission is refused while its
 * tenant has that many jobs that have not ended.
 * <p>
 * The check counts the tenant's unsettled jobs ({@code settled_at} null), at most the cap's worth: a job is settled
 * once its ending event is projected ({@link EndedJobs}), or by the deadline sweep. Below the cap, that is all. At or
 * over it, the count may include jobs whose ending was missed (the feed delivers at most once): their states are read,
 * oldest first, and the ended ones are settled, until either the cap's worth of unended jobs is found (refused) or
 * none is left to look at (admitted). A refusal is remembered for the {@code Retry-After} it sends, so a tenant at its
 * cap costs one lookup per submission, not a read of every job. A single job's count is part of the statement that
 * inserts it ({@link #insertWithin}); a batch's comes before its insert. Either way submissions of one tenant arriving
 * together can pass the cap by about as many as there are of them: each statement counts what was committed when it
 * started.
 */
@ApplicationScoped
public class JobsInFlight {

    private static final Logger LOG = Logger.getLogger(JobsInFlight.class);
    /** How long a refusal stands: jobs end within seconds while the pipeline is healthy. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final int BATCH = 500;
    /** At most the cap: all the check needs to know, whatever number of jobs the sweep has yet to settle. */
    private static final String COUNT = "select count(*) as unsettled from (select 1 from manager.job"
            + " where tenant = $1 and settled_at is null limit $2) as unsettled_jobs";
    private static final String OLDEST_UNSETTLED = "select id, created_at from manager.job where tenant = $1"
            + " and settled_at is null and (created_at, id) > ($2, $3) order by created_at, id limit $4";
    private static final Instant BEGINNING = Instant.EPOCH;
    private static final UUID LOWEST_ID = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);

    private final Pool pool;
    private final JobSettlement settlement;
    private final JobStateService states;
    private final int cap;
    private final LimitRefusals refusals;
    private final Map<String, Instant> refusedUntil = new ConcurrentHashMap<>();

    public JobsInFlight(Pool pool, JobSettlement settlement, JobStateService states, LimitsConfig limits,
            LimitRefusals refusals) {
        this.pool = pool;
        this.settlement = settlement;
        this.states = states;
        this.cap = limits.jobsInFlight();
        this.refusals = refusals;
    }

    /**
     * Writes one job of {@code tenant} within the cap: {@code insertBelow} writes only while the tenant has fewer
     * unsettled jobs than the number it is given, in the same statement, and says whether it wrote. When it did not,
     * the tenant's unsettled jobs get the second look of {@link #admit(String, int)} and, if that finds room, the write
     * is tried once more. Fails with {@link TooManyRequestsException} when the tenant has no room.
     */
    @WithSpan("JobsInFlight.insertWithin")
    public Uni<Void> insertWithin(String tenant, IntFunction<Uni<Boolean>> insertBelow) {
        if (refusedRecently(tenant)) {
            return Uni.createFrom().failure(refusal(1));
        }
        return insertBelow.apply(cap).flatMap(wrote -> wrote ? Uni.createFrom().voidItem()
                : admit(tenant, 1).chain(() -> insertBelow.apply(cap)).flatMap(again -> again
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(refusal(1))));
    }

    /**
     * Completes when {@code tenant} may submit {@code jobs} more jobs at once (a batch: all or none), that is when its
     * jobs in flight plus {@code jobs} stay within the cap; fails with {@link TooManyRequestsException} otherwise.
     */
    @WithSpan("JobsInFlight.admit")
    public Uni<Void> admit(String tenant, int jobs) {
        if (refusedRecently(tenant)) {
            return Uni.createFrom().failure(refusal(jobs));
        }
        int room = cap - jobs;
        return pool.preparedQuery(COUNT).execute(Tuple.of(tenant, room + 1))
                .map(rows -> rows.iterator().next().getLong("unsettled"))
                .flatMap(unsettled -> unsettled <= room ? Uni.createFrom().voidItem()
                        : countUnended(tenant, BEGINNING, LOWEST_ID, 0, room).flatMap(unended -> {
                            if (unended <= room) {
                                refusedUntil.remove(tenant);
                                return Uni.createFrom().voidItem();
                            }
                            LOG.debugf("tenant %s has %d or more jobs in flight, no room for %d more under its cap of"
                                    + " %d", tenant, unended, jobs, cap);
                            if (unended >= cap) {
                                refusedUntil.put(tenant, Instant.now().plus(RETRY_AFTER));
                            }
                            return Uni.createFrom().failure(refusal(jobs));
                        }));
    }

    /**
     * The unended jobs among {@code tenant}'s unsettled ones after the position {@code (createdAt, id)}, plus
     * {@code found}; settles the ended ones on the way, and stops looking once more than {@code room} are found.
     */
    private Uni<Integer> countUnended(String tenant, Instant createdAt, UUID id, int found, int room) {
        return pool.preparedQuery(OLDEST_UNSETTLED)
                .execute(Tuple.of(tenant, createdAt.atOffset(ZoneOffset.UTC), id, BATCH))
                .flatMap(rows -> {
                    List<UUID> batch = new ArrayList<>(rows.size());
                    Instant lastCreatedAt = createdAt;
                    for (Row row : rows) {
                        batch.add(row.getUUID("id"));
                        lastCreatedAt = row.getOffsetDateTime("created_at").toInstant();
                    }
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(found);
                    }
                    Instant nextCreatedAt = lastCreatedAt;
                    UUID nextId = batch.get(batch.size() - 1);
                    return states.statesOf(batch).flatMap(read -> settleEnded(read).flatMap(ended -> {
                        int unended = found + batch.size() - ended;
                        if (unended > room || batch.size() < BATCH) {
                            return Uni.createFrom().item(unended);
                        }
                        return countUnended(tenant, nextCreatedAt, nextId, unended, room);
                    }));
                });
    }

    private boolean refusedRecently(String tenant) {
        Instant until = refusedUntil.get(tenant);
        return until != null && Instant.now().isBefore(until);
    }

    /** Settles the jobs of {@code read} that ended; how many that is. */
    private Uni<Integer> settleEnded(Map<UUID, JobState> read) {
        UUID[] ended = read.entrySet().stream().filter(entry -> entry.getValue().phase().isTerminal())
                .map(Map.Entry::getKey).toArray(UUID[]::new);
        if (ended.length == 0) {
            return Uni.createFrom().item(0);
        }
        return settlement.settle(pool, ended).replaceWith(ended.length);
    }

    private TooManyRequestsException refusal(int jobs) {
        refusals.refused(LimitRefusals.JOBS_IN_FLIGHT);
        String detail = jobs == 1
                ? "the tenant has " + cap + " jobs in flight, as many as it may: submit again once some have ended"
                : "the tenant may have " + cap + " jobs in flight, and " + jobs + " more would pass that: submit"
                        + " again once some have ended";
        return new TooManyRequestsException(detail, RETRY_AFTER);
    }
}
