package dev.subtitles.manager.live;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.manager.projection.JobEventFeed;
import dev.subtitles.manager.service.JobNotFoundException;
import dev.subtitles.manager.service.JobStateService;
import dev.subtitles.manager.service.OwnedJobs;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A job's progress as one stream per client, whatever the transport: the history, then each event as soon as it is
 * projected, then {@link LiveMessage.End}; {@link LiveMessage.KeepAlive} while idle. All clients of this instance
 * share the one Redis subscription of {@link JobEventFeed}.
 */
@ApplicationScoped
public class LiveProgress {

    private static final Logger LOG = Logger.getLogger(LiveProgress.class);

    private final OwnedJobs jobs;
    private final JobStateService states;
    private final LiveHistory history;
    private final JobEventFeed feed;
    private final LiveConfig config;
    private final Vertx vertx;

    public LiveProgress(OwnedJobs jobs, JobStateService states, LiveHistory history, JobEventFeed feed,
            LiveConfig config, Vertx vertx) {
        this.jobs = jobs;
        this.states = states;
        this.history = history;
        this.feed = feed;
        this.config = config;
        this.vertx = vertx;
    }

    /**
     * Watches job {@code id} of {@code tenant} from the event after {@code afterSeq} (0: from the start). The stream
     * fails at once with {@link JobNotFoundException} for an unknown job or another tenant's, later with
     * {@link SlowClientException} when the subscriber falls too far behind; it completes after
     * {@link LiveMessage.End}. It honours the subscriber's demand: ask again once a message is written.
     */
    public Multi<LiveMessage> watch(String tenant, String id, long afterSeq) {
        LOG.debugf("live client of tenant %s for job %s after %d", tenant, id, afterSeq);
        return watched(requireJob(tenant, id), afterSeq);
    }

    /**
     * Watches job {@code jobId}, whose tenant the caller already checked (a batch's job), as {@link #watch} does.
     */
    public Multi<LiveMessage> watchOwned(UUID jobId, long afterSeq) {
        return watched(Uni.createFrom().item(jobId), afterSeq);
    }

    private Multi<LiveMessage> watched(Uni<UUID> job, long afterSeq) {
        return job
                .flatMap(jobId -> states.liveStartOf(jobId).map(state -> new Start(jobId, state.phase().isTerminal()
                        ? state.phase()
                        : null)))
                // Uni.toMulti() is done once its item is out, so cancelling the stream later stops there. After
                // Uni.onItem().transformToMulti() the cancel would reach the Unis above, and each @WithSpan of theirs
                // would end its span and close its scope a second time, on the connection's context.
                .toMulti()
                .onItem().transformToMultiAndConcatenate(start -> Multi.createFrom().<LiveMessage> emitter(emitter -> {
                    JobWatch watch = new JobWatch(start.jobId(), afterSeq, start.terminalPhase(), history, config,
                            emitter);
                    long interval = config.keepAliveInterval().toMillis();
                    // A random first tick spreads the ticks of clients that connected together over the interval.
                    long timer = vertx.setPeriodic(1 + ThreadLocalRandom.current().nextLong(interval), interval,
                            tick -> watch.keepAlive());
                    emitter.onTermination(() -> {
                        vertx.cancelTimer(timer);
                        watch.stop();
                    });
                    watch.start(feed);
                }));
    }

    /** The id of job {@code id} of {@code tenant}; fails with {@link JobNotFoundException} when it has none. */
    @WithSpan("LiveProgress.requireJob")
    public Uni<UUID> requireJob(String tenant, String id) {
        return jobs.requireKnown(tenant, id);
    }

    private record Start(UUID jobId, JobPhase terminalPhase) {
    }
}
