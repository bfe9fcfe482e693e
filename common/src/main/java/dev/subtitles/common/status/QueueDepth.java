package dev.subtitles.common.status;

/**
 * What a passive declare tells of a queue: the messages ready for delivery and its consumers, or neither when the
 * queue could not be read (the broker away, the queue not declared).
 *
 * @param messages ready messages, {@code null} when unknown
 * @param consumers consumers, {@code null} when unknown
 */
public record QueueDepth(Long messages, Long consumers) {

    /** A queue that could not be read. */
    public static final QueueDepth UNKNOWN = new QueueDepth(null, null);

    /** Whether the queue was read. */
    public boolean known() {
        return messages != null;
    }
}
