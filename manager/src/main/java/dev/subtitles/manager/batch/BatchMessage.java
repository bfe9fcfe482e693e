package dev.subtitles.manager.batch;

import java.util.Map;
import java.util.UUID;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.projection.HistoryEntry;

/** What a client watching a batch is sent. */
interface BatchMessage {

    /** One event of one of the batch's jobs, as the projection recorded it (the entry names its job). */
    record Event(HistoryEntry entry) implements BatchMessage {
    }

    /** One of the batch's jobs reached a terminal phase. */
    record JobEnded(UUID jobId, JobPhase phase) implements BatchMessage {
    }

    /** Every job of the batch ended: how many in each terminal phase. Nothing follows. */
    record End(Map<JobPhase, Integer> counts) implements BatchMessage {
    }

    /** Nothing happened for a while; sent so that idle proxies keep the connection open. */
    record KeepAlive() implements BatchMessage {
    }
}
