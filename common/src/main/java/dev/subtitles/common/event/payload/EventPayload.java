package dev.subtitles.common.event.payload;

/**
 * The {@code data} of an event: one record per {@link dev.subtitles.common.event.EventType}.
 * <p>
 * Sealed so that a handler can be sure it has seen every kind of payload, and so that the codec knows every shape
 * it may have to read. Each record checks its own required fields when constructed, which makes a payload that
 * breaks the contract impossible to build, whether in a producer or in the decoder.
 */
public sealed interface EventPayload
        permits DownloadRequested, DownloadStarted, SubtitleReady, TranslateRequested, TranslateStarted, Translated,
        RetryScheduled, JobFailed, CancelRequested, JobCancelled, UpgradeRequested, SubtitleUpgraded, UpgradeChecked {
}
