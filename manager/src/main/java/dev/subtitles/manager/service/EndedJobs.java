package dev.subtitles.manager.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.projection.JobEventFeed;
import dev.subtitles.manager.repository.JobSettlement;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Settles a job ({@code manager.job.settled_at}) as soon as its ending event is projected, so that the jobs left
 * unsettled are the ones in flight: what {@link JobsInFlight} counts, and all the deadline sweep has to look at.
 * <p>
 * Endings are heard on {@link JobEventFeed} and settled in rounds: a round starts {@link #GATHERING} after the first
 * ending it takes and settles, in one statement, every ending heard until then, so that under load one commit settles
 * many jobs rather than one each. Every manager instance hears every ending; the
 * first to settle a job does it, the others' statements match no row. The feed delivers at most once: a job whose
 * ending was missed (no subscription at the time, a failed round) stays unsettled until {@link JobsInFlight} finds it
 * ended at the cap, or the deadline sweep at its deadline. Settling is also when a done job becomes a candidate for
 * better-match upgrades ({@link JobSettlement}).
 */
@Startup
@ApplicationScoped
public class EndedJobs {

    private static final Logger LOG = Logger.getLogger(EndedJobs.class);
    private static final int ROUND_SIZE = 1000;
    private static final Duration GATHERING = Duration.ofMillis(100);

    private final Pool pool;
    private final JobSettlement settlement;
    private final Duration timeout;
    private final Queue<UUID> heard = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean settling = new AtomicBoolean();

    public EndedJobs(Pool pool, JobSettlement settlement, JobEventFeed feed, ManagerConfig config) {
        this.pool = pool;
        this.settlement = settlement;
        this.timeout = config.dependencies().timeout();
        feed.onJobEnded(this::ended);
    }

    private void ended(UUID jobId) {
        heard.add(jobId);
        settleNextRound();
    }

    /** Starts a round unless one runs; a running round starts the next when it ends. */
    private void settleNextRound() {
        if (heard.isEmpty() || !settling.compareAndSet(false, true)) {
            return;
        }
        Uni.createFrom().voidItem().onItem().delayIt().by(GATHERING).subscribe().with(gathered -> settleRound());
    }

    private void settleRound() {
        List<UUID> round = new ArrayList<>();
        UUID jobId;
        while (round.size() < ROUND_SIZE && (jobId = heard.poll()) != null) {
            round.add(jobId);
        }
        if (round.isEmpty()) {
            roundEnded();
            return;
        }
        settlement.settle(pool, round.toArray(UUID[]::new))
                .ifNoItem().after(timeout).fail()
                .subscribe().with(settled -> roundEnded(), failure -> {
                    LOG.debugf("could not settle %d ended job(s), the deadline sweep will: %s", round.size(),
                            failure.getMessage());
                    roundEnded();
                });
    }

    private void roundEnded() {
        settling.set(false);
        settleNextRound();
    }
}
