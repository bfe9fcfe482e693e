package dev.subtitles.common.event.payload;

/**
 * A payload that asks a worker for work: it carries the job's {@link Priority}, which picks the work queue it is
 * routed to ({@code JobEvent#routingKey()}) and the one its retries return to.
 */
public interface WorkRequest {

    /** The job's priority; never {@code null} ({@link Priority#NORMAL} when the message had none). */
    Priority priority();
}
