package dev.subtitles.manager.service;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.projection.JobState;
import dev.subtitles.manager.repository.Job;
import dev.subtitles.manager.repository.JobRepository;
import dev.subtitles.manager.repository.JobRepository.JobFilter;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * Counts jobs by phase. Phases live in the projection, not in the manager's table (docs/architecture.md), so counting reads
 * each job's state: only the newest {@code manager.jobs.phase-filter-scan-limit} jobs are counted, the bound the
 * phase filter of the listing has too, and the answer says whether that was all of them.
 */
@ApplicationScoped
public class PhaseCountService {

    private static final Logger LOG = Logger.getLogger(PhaseCountService.class);

    private final JobRepository jobs;
    private final JobStateService states;
    private final int limit;
    private final Outages outages;

    public PhaseCountService(JobRepository jobs, JobStateService states, ManagerConfig config, Outages outages) {
        this.jobs = jobs;
        this.states = states;
        this.limit = config.jobs().phaseFilterScanLimit();
        this.outages = outages;
    }

    /** The counts over {@code tenant}'s newest jobs. */
    @WithSpan("PhaseCountService.countNewest")
    public Uni<PhaseCounts> countNewest(String tenant) {
        LOG.debugf("counting the newest %d job(s) of tenant %s by phase", limit, tenant);
        return count(jobs.newestFirst(tenant, null, limit + 1, JobFilter.NONE));
    }

    /** The counts over the newest jobs of every tenant, for the operators. */
    @WithSpan("PhaseCountService.countNewestOfEveryTenant")
    public Uni<PhaseCounts> countNewestOfEveryTenant() {
        LOG.debugf("counting the newest %d job(s) of every tenant by phase", limit);
        return count(jobs.newestOfEveryTenant(limit + 1));
    }

    private Uni<PhaseCounts> count(Uni<List<Job>> newest) {
        return outages.guard(newest.flatMap(found -> {
            List<Job> counted = found.size() > limit ? found.subList(0, limit) : found;
            return states.shownStatesOf(counted.stream().map(job -> job.id).toList())
                    .map(shown -> new PhaseCounts(count(shown), counted.size(), found.size() <= limit));
        }));
    }

    private static Map<JobPhase, Integer> count(Map<?, JobState> states) {
        Map<JobPhase, Integer> counts = new EnumMap<>(JobPhase.class);
        for (JobPhase phase : JobPhase.values()) {
            counts.put(phase, 0);
        }
        states.values().forEach(state -> counts.merge(state.phase(), 1, Integer::sum));
        return counts;
    }
}
