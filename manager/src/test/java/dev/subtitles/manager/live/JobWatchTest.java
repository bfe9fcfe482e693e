package dev.subtitles.manager.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.projection.HistoryEntry;
import dev.subtitles.manager.projection.JobEventFeed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * The watch against a store whose reads complete before {@code subscribe} returns, on the caller's thread, as the
 * Redis client's sometimes do under load: every entry must still be sent. Nothing is published on the feed here, so
 * what reaches the client came from the store.
 */
class JobWatchTest {

    private static final UUID JOB = UUID.randomUUID();
    private static final JobEventFeed NO_LIVE_EVENTS = new JobEventFeed(null, null);

    @Test
    void historyReadThatCompletesAtOnceIsSentWhateverTheDemand() {
        InstantHistory history = new InstantHistory(5);
        AssertSubscriber<LiveMessage> client = watch(history, 200).subscribe().withSubscriber(AssertSubscriber.create(1));

        client.awaitItems(1, Duration.ofSeconds(5));
        client.request(10);

        client.awaitCompletion(Duration.ofSeconds(5));
        assertThat(seqs(client)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(client.getItems().get(5)).isEqualTo(new LiveMessage.End(JobPhase.DONE));
    }

    @Test
    void historyLongerThanAPageIsReadPageAfterPageWhenEveryReadCompletesAtOnce() {
        InstantHistory history = new InstantHistory(7);
        AssertSubscriber<LiveMessage> client = watch(history, 2).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        client.awaitCompletion(Duration.ofSeconds(5));
        assertThat(seqs(client)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(history.reads.get()).isEqualTo(4);
    }

    @Test
    void keepAliveTickReadsTheHistoryOnlyWhenTheStoreHasANewerEventThanTheClient() {
        InstantHistory history = new InstantHistory(3);
        HistoryEntry notProjectedYet = history.entries.remove(2);
        AtomicReference<JobWatch> watch = new AtomicReference<>();
        AssertSubscriber<LiveMessage> client = watch(history, 200, watch).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        client.awaitItems(2, Duration.ofSeconds(5));
        int readsWhenCaughtUp = history.reads.get();

        watch.get().keepAlive();
        assertThat(history.reads.get()).isEqualTo(readsWhenCaughtUp);
        assertThat(client.getItems()).hasSize(3).last().isInstanceOf(LiveMessage.KeepAlive.class);

        history.entries.add(notProjectedYet);
        watch.get().keepAlive();

        client.awaitCompletion(Duration.ofSeconds(5));
        assertThat(seqs(client)).containsExactly(1L, 2L, 3L);
        assertThat(history.reads.get()).isEqualTo(readsWhenCaughtUp + 1);
    }

    private static Multi<LiveMessage> watch(HistoryPages history, int pageSize) {
        return watch(history, pageSize, new AtomicReference<>());
    }

    private static Multi<LiveMessage> watch(HistoryPages history, int pageSize, AtomicReference<JobWatch> started) {
        LiveConfig config = new LiveConfig() {
            @Override
            public Duration keepAliveInterval() {
                return Duration.ofMinutes(1);
            }

            @Override
            public int bufferSize() {
                return 16;
            }

            @Override
            public int historyPageSize() {
                return pageSize;
            }
        };
        return Multi.createFrom().emitter(emitter -> {
            JobWatch watch = new JobWatch(JOB, 0, null, history, config, emitter);
            started.set(watch);
            emitter.onTermination(watch::stop);
            watch.start(NO_LIVE_EVENTS);
        });
    }

    private static List<Long> seqs(AssertSubscriber<LiveMessage> client) {
        return client.getItems().stream().filter(LiveMessage.Event.class::isInstance)
                .map(message -> ((LiveMessage.Event) message).entry().seq()).toList();
    }

    /** Download attempts 1 to {@code events - 1}, then the subtitle is ready; each read an item already there. */
    private static final class InstantHistory implements HistoryPages {

        private final List<HistoryEntry> entries = new ArrayList<>();
        private final AtomicInteger reads = new AtomicInteger();

        InstantHistory(int events) {
            for (long seq = 1; seq <= events; seq++) {
                String type = seq < events ? "subtitle.download.started" : "subtitle.ready";
                entries.add(new HistoryEntry(seq, "{\"jobId\":\"" + JOB + "\",\"seq\":" + seq + ",\"type\":\"" + type
                        + "\"}"));
            }
        }

        @Override
        public Uni<List<HistoryEntry>> after(UUID jobId, long afterSeq, int limit) {
            reads.incrementAndGet();
            List<HistoryEntry> page = entries.stream().filter(entry -> entry.seq() > afterSeq).limit(limit).toList();
            return Uni.createFrom().item(page);
        }

        @Override
        public Uni<Long> newestSeq(UUID jobId) {
            return Uni.createFrom().item(entries.isEmpty() ? null : entries.get(entries.size() - 1).seq());
        }
    }
}
