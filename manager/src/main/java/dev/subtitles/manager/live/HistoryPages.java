package dev.subtitles.manager.live;

import java.util.List;
import java.util.UUID;

import dev.subtitles.common.projection.HistoryEntry;
import io.smallrye.mutiny.Uni;

/** A job's history oldest first, a page at a time: what a live client reads before and between live events. */
interface HistoryPages {

    /**
     * The oldest entries with a sequence number above {@code afterSeq}, oldest first, at most {@code limit}, without
     * a hole at the start unless no store has the missing events. Fewer than {@code limit} means the end of what is
     * projected now. The returned Uni may complete on the subscribing thread, before {@code subscribe} returns.
     */
    Uni<List<HistoryEntry>> after(UUID jobId, long afterSeq, int limit);

    /**
     * The sequence number of the job's newest projected event, or {@code null} when the hot view does not know the
     * job (not projected yet, or expired): a cheap look for whether {@link #after} has anything new.
     */
    Uni<Long> newestSeq(UUID jobId);
}
