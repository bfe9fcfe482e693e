package dev.subtitles.common.event.payload;

/** The step of a job a retry or a failure belongs to. */
public enum Stage {
    DOWNLOAD,
    TRANSLATE
}
