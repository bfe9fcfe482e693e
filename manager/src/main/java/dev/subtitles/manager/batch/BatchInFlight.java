package dev.subtitles.manager.batch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.manager.limits.LimitsConfig;
import dev.subtitles.manager.limits.TooManyRequestsException;
import dev.subtitles.manager.projection.JobState;
import dev.subtitles.manager.service.JobStateService;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The per-tenant cap on jobs in flight ({@code manager.limits.jobs-in-flight}, {@code JobsInFlight}) for a batch: its
 * N jobs are admitted together only when the tenant's jobs that have not ended, plus N, stay within the cap.
 * <p>
 * As for one job, the tenant's unsettled jobs are counted first; when they leave room for N, that is all. Otherwise
 * their states are read, oldest first, a page at a time, until either too many unended ones are found (refused) or
 * none is left (admitted). Unlike {@code JobsInFlight} this reads without settling the ended jobs it finds: the
 * deadline sweep and the next single submission at the cap do that.
 */
@ApplicationScoped
class BatchInFlight {

    private static final Logger LOG = Logger.getLogger(BatchInFlight.class);
    /** As {@code JobsInFlight}: jobs end within seconds while the pipeline is healthy. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final int PAGE = 500;
    private static final String COUNT = "select count(*) as unsettled from (select 1 from manager.job"
            + " where tenant = $1 and settled_at is null limit $2) as unsettled_jobs";
    private static final String OLDEST_UNSETTLED = "select id, created_at from manager.job where tenant = $1"
            + " and settled_at is null and (created_at, id) > ($2, $3) order by created_at, id limit $4";
    private static final UUID LOWEST_ID = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);

    private final Pool pool;
    private final JobStateService states;
    private final int cap;

    BatchInFlight(Pool pool, JobStateService states, LimitsConfig limits) {
        this.pool = pool;
        this.states = states;
        this.cap = limits.jobsInFlight();
    }

    /** Completes when {@code tenant} may submit {@code jobs} more jobs; fails with {@link TooManyRequestsException}. */
    @WithSpan("BatchInFlight.admit")
    Uni<Void> admit(String tenant, int jobs) {
        int room = cap - jobs;
        return pool.preparedQuery(COUNT).execute(Tuple.of(tenant, room + 1))
                .map(rows -> rows.iterator().next().getLong("unsettled"))
                .flatMap(unsettled -> unsettled <= room ? Uni.createFrom().voidItem()
                        : countUnended(tenant, Instant.EPOCH, LOWEST_ID, 0, room).flatMap(unended -> {
                            if (unended <= room) {
                                return Uni.createFrom().voidItem();
                            }
                            LOG.debugf("tenant %s has more than %d jobs in flight, no room for %d more under its cap"
                                    + " of %d", tenant, room, jobs, cap);
                            return Uni.createFrom().failure(refusal(jobs));
                        }));
    }

    /** The unended jobs among the tenant's unsettled ones after {@code (createdAt, id)}, counted up to above room. */
    private Uni<Integer> countUnended(String tenant, Instant createdAt, UUID id, int found, int room) {
        return pool.preparedQuery(OLDEST_UNSETTLED)
                .execute(Tuple.of(tenant, createdAt.atOffset(ZoneOffset.UTC), id, PAGE))
                .flatMap(rows -> {
                    List<UUID> page = new ArrayList<>(rows.size());
                    Instant lastCreatedAt = createdAt;
                    for (Row row : rows) {
                        page.add(row.getUUID("id"));
                        lastCreatedAt = row.getOffsetDateTime("created_at").toInstant();
                    }
                    if (page.isEmpty()) {
                        return Uni.createFrom().item(found);
                    }
                    Instant nextCreatedAt = lastCreatedAt;
                    UUID nextId = page.get(page.size() - 1);
                    return states.statesOf(page).flatMap(read -> {
                        int unended = found + unended(read);
                        if (unended > room || page.size() < PAGE) {
                            return Uni.createFrom().item(unended);
                        }
                        return countUnended(tenant, nextCreatedAt, nextId, unended, room);
                    });
                });
    }

    private TooManyRequestsException refusal(int jobs) {
        return new TooManyRequestsException("the tenant may have " + cap + " jobs in flight, and a batch of " + jobs
                + " more would pass that: submit again once some have ended", RETRY_AFTER);
    }

    private static int unended(Map<UUID, JobState> states) {
        return (int) states.values().stream().filter(state -> !state.phase().isTerminal()).count();
    }
}
