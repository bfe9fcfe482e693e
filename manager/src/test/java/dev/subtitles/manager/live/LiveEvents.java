package dev.subtitles.manager.live;

import java.util.List;
import java.util.UUID;

import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.format.SubtitleFormat;

/** Payloads the live tests project. */
final class LiveEvents {

    private LiveEvents() {
    }

    /** The terminal event of a job whose subtitle was found. */
    static SubtitleReady ready() {
        return new SubtitleReady(UUID.randomUUID(), "opensubtitles", "pt-BR", 0.9, List.of(), SubtitleFormat.SRT);
    }
}
