package dev.subtitles.manager.status;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.manager.service.PhaseCountService;
import dev.subtitles.manager.service.PhaseCounts;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * Puts the operators' status together from its four sources at once: the broker (queues), Redis (instances, the
 * search cache's counts), PostgreSQL with the projection (phases, activity). Each part is bounded in time and a part that fails
 * is left out
 * with its reason, so that a broker outage still shows the jobs, and a database outage the queues.
 */
@ApplicationScoped
public class StatusService {

    private static final Logger LOG = Logger.getLogger(StatusService.class);

    private final QueueStatus queues;
    private final WorkerInstances instances;
    private final SearchCacheStatus searchCache;
    private final PhaseCountService phases;
    private final JobActivity activity;
    private final OperationsConfig config;
    private final Clock clock = Clock.systemUTC();

    public StatusService(QueueStatus queues, WorkerInstances instances, SearchCacheStatus searchCache,
            PhaseCountService phases, JobActivity activity, OperationsConfig config) {
        this.queues = queues;
        this.instances = instances;
        this.searchCache = searchCache;
        this.phases = phases;
        this.activity = activity;
        this.config = config;
    }

    /** The status now. */
    @WithSpan("StatusService.read")
    public Uni<OperatorStatus> read() {
        Instant now = clock.instant();
        LOG.debugf("reading the operators' status");
        List<String> unavailable = new ArrayList<>();
        // The two database reads one after the other: they share the request's session, which the first to end closes.
        Uni<JobsPart> jobs = part(phases.countNewestOfEveryTenant(), "phases", unavailable)
                .flatMap(phaseCounts -> part(activity.recent(), "jobs", unavailable)
                        .map(activity -> new JobsPart(phaseCounts, activity)));
        return Uni.combine().all()
                .unis(queues.read(),
                        part(instances.read().ifNoItem().after(config.brokerTimeout()).fail(), "instances",
                                unavailable),
                        part(searchCache.read().ifNoItem().after(config.brokerTimeout()).fail(), "searchCache",
                                unavailable),
                        jobs)
                .with((queueViews, instanceViews, cacheView, database) -> new OperatorStatus(now, queueViews,
                        instanceViews, database.phases(), database.activity(), cacheView, List.copyOf(unavailable)));
    }

    private record JobsPart(PhaseCounts phases, JobActivity.Activity activity) {
    }

    private static <T> Uni<T> part(Uni<T> read, String name, List<String> unavailable) {
        return read.onFailure().recoverWithItem(failure -> {
            LOG.debugf("the status has no %s: %s", name, failure.getMessage());
            synchronized (unavailable) {
                unavailable.add(name + ": " + (failure.getMessage() != null ? failure.getMessage()
                        : failure.getClass().getSimpleName()));
            }
            return null;
        });
    }
}
