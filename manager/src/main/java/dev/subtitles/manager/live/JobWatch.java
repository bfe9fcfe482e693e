package dev.subtitles.manager.live;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.projection.HistoryEntry;
import dev.subtitles.manager.projection.EntryPhases;
import dev.subtitles.manager.projection.JobEventFeed;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * One client's view of one job: the history from the store, then the live feed, in sequence order with no gap and
 * no duplicate, then {@link LiveMessage.End} after the event that leads to a terminal phase.
 * <p>
 * The feed is listened to before the store is read, so an event projected during the read is either in what the
 * read returns or held in {@code live}; entries at or below the last sent sequence number are dropped, and a live
 * entry beyond the next expected one sends the watch back to the store for what is missing (pub/sub may lose
 * messages). Entries are sent only as the client asks for them (its transport asks again once a write is done), so
 * history is read a page at a time and at most {@code bufferSize} live entries wait: beyond that the client is too
 * slow and the stream fails with {@link SlowClientException}.
 * <p>
 * Each keep-alive tick also asks the store for the job's newest sequence number (one hash field), and reads the
 * history when that is beyond what was sent, so a wake-up the feed lost delays an event by at most one interval.
 * <p>
 * A store read may complete on the thread that starts it, before {@code read()} returns (seen with the Redis client
 * under load): its {@code drain()} is then nested in the running one, which goes round again instead of waiting for
 * a completion that has already happened.
 * <p>
 * Called from the feed's thread, the store reads' threads, the transport and the keep-alive timer: every entry
 * point is synchronized, and none blocks.
 */
final class JobWatch {

    private static final Logger LOG = Logger.getLogger(JobWatch.class);
    private static final LiveMessage KEEP_ALIVE = new LiveMessage.KeepAlive();

    private final UUID jobId;
    private final HistoryPages history;
    private final LiveConfig config;
    private final JobPhase terminalAtConnect;
    private final MultiEmitter<? super LiveMessage> emitter;
    private final ArrayDeque<HistoryEntry> ready = new ArrayDeque<>();
    private final ArrayDeque<HistoryEntry> live = new ArrayDeque<>();
    private JobEventFeed.Registration registration;
    private long last;
    private boolean caughtUp;
    private boolean reading;
    private boolean probing;
    private boolean draining;
    private boolean missed;
    private boolean finished;

    /**
     * @param afterSeq the last sequence number the client already has (0 for the whole history)
     * @param terminalAtConnect the job's phase when the client connected if that is terminal, else {@code null}:
     *        once the history is sent the watch ends even if the terminal event was at or before {@code afterSeq}
     */
    JobWatch(UUID jobId, long afterSeq, JobPhase terminalAtConnect, HistoryPages history, LiveConfig config,
            MultiEmitter<? super LiveMessage> emitter) {
        this.jobId = jobId;
        this.last = afterSeq;
        this.terminalAtConnect = terminalAtConnect;
        this.history = history;
        this.config = config;
        this.emitter = emitter;
    }

    /** Listens to the feed, then starts sending as the client asks. Call {@link #stop()} when the stream ends. */
    synchronized void start(JobEventFeed feed) {
        registration = feed.listen(jobId, this::onLive);
        emitter.onRequest(requested -> drain());
        drain();
    }

    /**
     * On each keep-alive tick of a caught-up watch with nothing queued: a keep-alive if the client is waiting for more,
     * and a look at the store for anything newer. The feed is at most once (a wake-up published while the
     * subscription is being re-established is gone), so without that look a lost wake-up for a job's last events
     * would leave the client waiting forever; with it, for at most one interval. The look is the newest sequence
     * number, not the history: every client's tick would otherwise read a page from Redis and PostgreSQL.
     */
    synchronized void keepAlive() {
        if (finished || !caughtUp || probing || !ready.isEmpty() || !live.isEmpty()) {
            return;
        }
        if (emitter.requested() > 0) {
            emitter.emit(KEEP_ALIVE);
        }
        probing = true;
        history.newestSeq(jobId).subscribe().with(this::onNewest, this::onNewestFailure);
    }

    private synchronized void onNewest(Long newest) {
        probing = false;
        if (!finished && caughtUp && (newest == null || newest > last)) {
            caughtUp = false;
            drain();
        }
    }

    private synchronized void onNewestFailure(Throwable failure) {
        probing = false;
        LOG.debugf("cannot look for newer events of job %s on a keep-alive tick: %s", jobId, failure.getMessage());
    }

    private synchronized void onLive(HistoryEntry entry) {
        if (finished || entry.seq() <= last) {
            return;
        }
        if (live.size() >= config.bufferSize()) {
            LOG.debugf("live client of job %s is too slow, disconnecting it", jobId);
            finished = true;
            emitter.fail(new SlowClientException(config.bufferSize()));
            return;
        }
        live.add(entry);
        drain();
    }

    /**
     * Sends what can be sent now. A call made while draining, on the same thread (a store read or a write that
     * completes before its call returns), only marks that more may be ready, and the running drain looks again.
     */
    private synchronized void drain() {
        if (draining) {
            missed = true;
            return;
        }
        draining = true;
        try {
            do {
                missed = false;
                sendWhatIsReady();
            } while (missed && !finished);
        } finally {
            draining = false;
        }
    }

    private void sendWhatIsReady() {
        while (!finished && emitter.requested() > 0) {
            if (!ready.isEmpty()) {
                send(ready.poll());
            } else if (!caughtUp) {
                read();
                return;
            } else if (terminalAtConnect != null) {
                end(terminalAtConnect);
            } else if (!nextLive()) {
                return;
            }
        }
    }

    /** Sends the next live entry if it is the next expected one; false when there is nothing to send now. */
    private boolean nextLive() {
        HistoryEntry entry = live.peek();
        if (entry == null) {
            return false;
        }
        if (entry.seq() <= last + 1) {
            send(live.poll());
        } else {
            caughtUp = false;
        }
        return true;
    }

    private void read() {
        if (reading) {
            return;
        }
        reading = true;
        history.after(jobId, last, config.historyPageSize()).subscribe().with(this::onRead, this::onReadFailure);
    }

    private synchronized void onRead(List<HistoryEntry> entries) {
        reading = false;
        if (finished) {
            return;
        }
        ready.addAll(entries);
        if (entries.size() < config.historyPageSize()) {
            caughtUp = true;
            skipUnrecoverableGap(entries);
        }
        drain();
    }

    /** A live entry beyond the next expected one whose predecessors no store holds is sent anyway, after a warning. */
    private void skipUnrecoverableGap(List<HistoryEntry> entries) {
        HistoryEntry next = live.peek();
        if (entries.isEmpty() && next != null && next.seq() > last + 1) {
            LOG.warnf("events %d to %d of job %s are in no store, sending %d next", last + 1, next.seq() - 1, jobId,
                    next.seq());
            last = next.seq() - 1;
        }
    }

    private synchronized void onReadFailure(Throwable failure) {
        reading = false;
        if (!finished) {
            LOG.warnf("cannot read the history of job %s for a live client: %s", jobId, failure.getMessage());
            finished = true;
            emitter.fail(failure);
        }
    }

    private void send(HistoryEntry entry) {
        if (entry.seq() <= last) {
            return;
        }
        last = entry.seq();
        emitter.emit(new LiveMessage.Event(entry));
        Optional<JobPhase> phase = EntryPhases.phaseAfter(entry);
        if (phase.isPresent() && phase.get().isTerminal()) {
            end(phase.get());
        }
    }

    private void end(JobPhase phase) {
        finished = true;
        emitter.emit(new LiveMessage.End(phase));
        emitter.complete();
    }

    /** Stops listening to the feed; call when the stream ends, however it ends. */
    synchronized void stop() {
        finished = true;
        if (registration != null) {
            registration.close();
        }
    }
}
