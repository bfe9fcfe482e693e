package dev.subtitles.eventconsumer.projection;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

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
                    .map(event -> new ProjectedEvent(
                            codec.decode(event.cloudEvent().getBytes(StandardCharsets.UTF_8)), event))
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
                .onItem().transformToUni(this::rebuild).merge(config.rebuild().concurrency())
                .collect().with(Collectors.summarizingInt(Integer::intValue))
                .map(stats -> new RebuildSummary(stats.getCount(), stats.getSum()))
                .invoke(summary -> LOG.infof("Rebuilt the Redis view of %d jobs from %d events", summary.jobs(),
                        summary.events()));
    }

    /**
     * What a rebuild of all jobs did.
     *
     * @param jobs jobs whose view was replaced
     * @param events events replayed
     */
    public record RebuildSummary(long jobs, long events) {
    }
}
