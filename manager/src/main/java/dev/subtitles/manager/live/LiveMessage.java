package dev.subtitles.manager.live;

import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.projection.HistoryEntry;

/** What a live client is sent, whatever the transport. */
public sealed interface LiveMessage {

    /** One of the job's events, as the projection recorded it. */
    record Event(HistoryEntry entry) implements LiveMessage {
    }

    /** The job reached a terminal phase: nothing follows, the connection is closed after this. */
    record End(JobPhase phase) implements LiveMessage {
    }

    /** Nothing happened for a while; sent so that idle proxies keep the connection open. */
    record KeepAlive() implements LiveMessage {
    }
}
