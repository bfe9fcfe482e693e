package dev.subtitles.downloader.upgrade;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.SubtitleUpgraded;
import dev.subtitles.common.event.payload.UpgradeChecked;
import dev.subtitles.common.event.payload.UpgradeRequested;
import dev.subtitles.common.worker.EventIds;
import dev.subtitles.common.worker.EventPublisher;
import dev.subtitles.common.worker.RequestHandler;
import dev.subtitles.common.worker.wiring.Worker;
import dev.subtitles.downloader.scoring.ScoredCandidate;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * Runs one delivery of {@code subtitle.upgrade.requested} (docs/upgrades.md): finds the version to beat, searches
 * ({@link UpgradeSearch}), and publishes {@code subtitle.upgraded} with the new version, or
 * {@code subtitle.upgrade.checked} when nothing better was found. The returned {@code Uni} completes once the event is
 * confirmed, so the delivery is acked only then; it fails (the delivery goes back to the queue) when PostgreSQL or the
 * broker fails.
 * <p>
 * <b>Redelivery.</b> Event ids derive from the request ({@link EventIds}), and the version to beat is the latest one
 * recorded by <em>another</em> search: a search that runs again finds the file it stored before, recorded under its
 * own request, and publishes the same {@code subtitle.upgraded} again, which consumers take once. Nothing is claimed
 * and the job's outcome is not touched: the job is done, and its phase stays {@code DONE}.
 * <p>
 * A bean of its own class only: the shared worker wiring takes the one {@link RequestHandler} of the work queue.
 */
@ApplicationScoped
@Typed(UpgradeRequestHandler.class)
public class UpgradeRequestHandler implements RequestHandler<UpgradeRequested> {

    private static final Logger LOG = Logger.getLogger(UpgradeRequestHandler.class);

    private final SubtitleVersions versions;
    private final UpgradeSearch search;
    private final EventPublisher events;
    private final UpgradeMetrics metrics;
    private final Worker worker;
    private final Clock clock;

    public UpgradeRequestHandler(SubtitleVersions versions, UpgradeSearch search, EventPublisher events,
            UpgradeMetrics metrics, Worker worker, Clock clock) {
        this.versions = versions;
        this.search = search;
        this.events = events;
        this.metrics = metrics;
        this.worker = worker;
        this.clock = clock;
    }

    @Override
    public Class<UpgradeRequested> requestType() {
        return UpgradeRequested.class;
    }

    @Override
    @WithSpan("UpgradeRequestHandler.handle")
    public Uni<Void> handle(JobEvent<UpgradeRequested> request, int attempt, Map<String, Object> headers) {
        return versions.latestBefore(request.jobId(), request.id())
                .map(stored -> stored.filter(later -> later.version() >= request.payload().currentVersion())
                        .orElseGet(() -> Baseline.of(request.payload())))
                .flatMap(baseline -> search.run(request, baseline)
                        .flatMap(outcome -> publish(request, attempt, baseline, outcome)));
    }

    private Uni<Void> publish(JobEvent<UpgradeRequested> request, int attempt, Baseline baseline,
            UpgradeOutcome outcome) {
        if (outcome instanceof UpgradeOutcome.Upgraded upgraded) {
            ScoredCandidate best = upgraded.candidate();
            LOG.infof("Job %s: version %d from %s (score %d) replaces version %d", request.jobId(), upgraded.version(),
                    best.candidate().provider(), best.score(), baseline.version());
            return publish(request, attempt, new SubtitleUpgraded(upgraded.file().id(), upgraded.version(),
                    best.candidate().provider(), upgraded.file().language(), best.score(), best.matchNames(),
                    upgraded.file().format(), baseline.version(), baseline.score(), baseline.machineTranslated()))
                    .invoke(() -> metrics.searched(UpgradeMetrics.UPGRADED));
        }
        UpgradeOutcome.NoBetter none = (UpgradeOutcome.NoBetter) outcome;
        LOG.debugf("Job %s: nothing better than version %d among %d candidate(s)", request.jobId(), baseline.version(),
                none.candidates());
        return publish(request, attempt, new UpgradeChecked(baseline.version(), baseline.score(),
                baseline.machineTranslated(), none.candidates(), none.bestScore(), none.unavailable()))
                .invoke(() -> metrics.searched(UpgradeMetrics.CHECKED));
    }

    private Uni<Void> publish(JobEvent<UpgradeRequested> request, int attempt, EventPayload payload) {
        return events.publish(EventIds.eventOf(request, attempt, worker.source(), clock.instant(), payload));
    }
}
