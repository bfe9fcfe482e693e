package dev.subtitles.common.worker;

import java.util.Map;

import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import io.smallrye.mutiny.Uni;

/**
 * A worker's own part of a delivery: one attempt of one request. {@link WorkerDeliveries} decodes, checks the type,
 * watches and settles around it.
 *
 * @param <P> the payload of the requests the worker takes
 */
public interface RequestHandler<P extends EventPayload> {

    /** The payload of the requests this worker takes; any other event on its queue is dead-lettered. */
    Class<P> requestType();

    /**
     * Runs one attempt; may run again for the same attempt (a redelivery), and then publishes the same event ids
     * ({@link EventIds}).
     *
     * @param attempt the attempt number ({@link RetryScheduler#ATTEMPT_HEADER}, 1 when absent)
     * @param headers the delivery's headers (such as {@link RetryScheduler#DEFERRALS_HEADER})
     * @return completes once every output is confirmed; fails when the request must run again
     */
    Uni<Void> handle(JobEvent<P> request, int attempt, Map<String, Object> headers);
}
