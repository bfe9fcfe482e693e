package dev.subtitles.eventconsumer.projection;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Rebuilds the Redis view of jobs from the event log, for when Redis lost it (flushed, restarted without
 * persistence, keys expired). A job's keys are replaced by the replay of its recorded events in sequence order
 * through the live projection's script, so the result is deterministic: the phase, fields and history an in-order
 * projection of the same events gives.
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);
    /** What {@link #rebuildOrReport} counts a failed job as. */
    private static final int FAILED = -1;

    private final EventLog eventLog;
    private final RedisJobView view;
    private final EventCodec codec;
    private final EventConsumerConfig config;

    public RebuildService(EventLog eventLog, RedisJobView view, EventCodec codec, EventConsumerConfig config) {
        this.eventLog = eventLog;
        this.view = view;
        this.codec = codec;
        this.config = config;
    }

    /** Rebuilds one job; returns the number of events replayed, 0 for a job the log does not know. */
    public Uni<Integer> rebuild(UUID jobId) {
        return eventLog.eventsOf(jobId).chain(recorded -> {
            if (recorded.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<ProjectedEvent> history = recorded.stream()
                    .map(stored -> new ProjectedEvent(
                            codec.decode(stored.cloudEvent().getBytes(StandardCharsets.UTF_8)), stored.recorded()))
                    .toList();
            return view.replace(jobId, history).replaceWith(history.size());
        });
    }

    /**
     * Rebuilds every job of the log, paging through job ids so memory stays flat however many jobs there are.
     *
     * @return how many jobs and events were replayed
     */
    public Uni<RebuildSummary> rebuildAll() {
        AtomicReference<UUID> lastJobId = new AtomicReference<>();
        int pageSize = config.rebuild().pageSize();
        return Multi.createBy().repeating()
                .uni(() -> eventLog.jobIds(lastJobId.get(), pageSize).invoke(page -> {
                    if (!page.isEmpty()) {
                        lastJobId.set(page.get(page.size() - 1));
                    }
                }))
                .until(List::isEmpty)
                .onItem().transformToMultiAndConcatenate(page -> Multi.createFrom().iterable(page))
                .onItem().transformToUni(this::rebuildOrReport).merge(config.rebuild().concurrency())
                .collect().in(Tally::new, Tally::add)
                .map(Tally::summary)
                .invoke(summary -> LOG.infof("Rebuilt the Redis view of %d jobs from %d events; %d jobs failed",
                        summary.jobs(), summary.events(), summary.failedJobs()));
    }

    /** A job that cannot be rebuilt (e.g. an event the codec no longer reads) must not stop the others. */
    private Uni<Integer> rebuildOrReport(UUID jobId) {
        return rebuild(jobId).onFailure().recoverWithItem(failure -> {
            LOG.warnf(failure, "Cannot rebuild the Redis view of job %s", jobId);
            return FAILED;
        });
    }

    private static final class Tally {
        private long jobs;
        private long events;
        private long failedJobs;

        void add(int replayed) {
            if (replayed == FAILED) {
                failedJobs++;
            } else {
                jobs++;
                events += replayed;
            }
        }

        RebuildSummary summary() {
            return new RebuildSummary(jobs, events, failedJobs);
        }
    }

    /**
     * What a rebuild of all jobs did.
     *
     * @param jobs jobs whose view was replaced
     * @param events events replayed
     * @param failedJobs jobs that could not be rebuilt (logged with the reason)
     */
    public record RebuildSummary(long jobs, long events, long failedJobs) {
    }
}
