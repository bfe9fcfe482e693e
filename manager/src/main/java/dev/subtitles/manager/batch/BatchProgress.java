package dev.subtitles.manager.batch;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.manager.live.LiveConfig;
import dev.subtitles.manager.live.LiveMessage;
import dev.subtitles.manager.live.LiveProgress;
import io.smallrye.mutiny.Multi;

/**
 * A batch's progress as one stream: every job's history then live events, merged as they come, a
 * {@link BatchMessage.JobEnded} as each job ends, and {@link BatchMessage.End} once all ended. Each job is watched
 * by {@link LiveProgress} exactly as a client of that job alone would be (history and live events with no gap and no
 * duplicate); their own keep-alives are dropped for one of the batch's every {@code manager.live.keep-alive-interval}.
 */
@ApplicationScoped
public class BatchProgress {

    private static final Logger LOG = Logger.getLogger(BatchProgress.class);
    private static final BatchMessage KEEP_ALIVE = new BatchMessage.KeepAlive();

    private final BatchQueryService batches;
    private final LiveProgress progress;
    private final LiveConfig config;

    public BatchProgress(BatchQueryService batches, LiveProgress progress, LiveConfig config) {
        this.batches = batches;
        this.progress = progress;
        this.config = config;
    }

    /**
     * Watches batch {@code id} of {@code tenant} from the start of each job's history. Fails at once with
     * {@link BatchNotFoundException} for an unknown batch or another tenant's; completes after {@link BatchMessage.End}.
     */
    Multi<BatchMessage> watch(String tenant, String id) {
        LOG.debugf("live client of tenant %s for batch %s", tenant, id);
        return batches.owned(tenant, BatchIds.parse(id), id).toMulti()
                .onItem().transformToMultiAndConcatenate(this::watch);
    }

    private Multi<BatchMessage> watch(Batch batch) {
        Map<JobPhase, Integer> ended = new EnumMap<>(JobPhase.class);
        for (JobPhase phase : JobPhase.values()) {
            if (phase.isTerminal()) {
                ended.put(phase, 0);
            }
        }
        List<Multi<BatchMessage>> jobs = batch.members().stream().map(member -> progress.watchOwned(member.id(), 0)
                .filter(message -> !(message instanceof LiveMessage.KeepAlive))
                .map(message -> message instanceof LiveMessage.Event event ? new BatchMessage.Event(event.entry())
                        : (BatchMessage) new BatchMessage.JobEnded(member.id(), ((LiveMessage.End) message).phase())))
                .toList();
        Multi<BatchMessage> events = jobs.isEmpty() ? Multi.createFrom().empty()
                : Multi.createBy().merging().withConcurrency(jobs.size()).streams(jobs);
        // Merged emissions are serialised, so the counts need no lock.
        Multi<BatchMessage> untilEnd = events
                .onItem().invoke(message -> {
                    if (message instanceof BatchMessage.JobEnded jobEnded) {
                        ended.merge(jobEnded.phase(), 1, Integer::sum);
                    }
                })
                .onCompletion().switchTo(() -> Multi.createFrom().items(new BatchMessage.End(ended), Done.DONE));
        Multi<BatchMessage> keepAlives = Multi.createFrom().ticks().every(config.keepAliveInterval())
                .onOverflow().drop().map(tick -> KEEP_ALIVE);
        return Multi.createBy().merging().streams(untilEnd, keepAlives)
                .select().first(message -> message != Done.DONE);
    }

    /** Marks the end of the merged stream, where the keep-alives stop too; never sent. */
    private enum Done implements BatchMessage {
        DONE
    }
}
