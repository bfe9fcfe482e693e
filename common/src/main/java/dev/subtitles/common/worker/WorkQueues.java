package dev.subtitles.common.worker;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import dev.subtitles.common.event.payload.Priority;
import dev.subtitles.common.messaging.Topology;

/**
 * A worker's work queues, one per {@link Priority} ({@link Topology#workQueue}: {@code <queue>}, {@code <queue>.high},
 * {@code <queue>.low}), each with delay queues of its own, so that a retry returns to the queue of its job's priority
 * (a high job's retry does not wait behind normal ones).
 */
public final class WorkQueues {

    private final Map<Priority, DelayQueues> delayQueues = new EnumMap<>(Priority.class);

    /** @param queue the normal work queue, whose name the others extend */
    public WorkQueues(String queue, Duration initialDelay, Duration maxDelay) {
        for (Priority priority : Priority.values()) {
            delayQueues.put(priority, new DelayQueues(Topology.workQueue(queue, priority), initialDelay, maxDelay));
        }
    }

    /** The work queue of {@code priority}. */
    public String queue(Priority priority) {
        return delayQueues.get(priority).workQueue();
    }

    /** The delay queues whose copies expire back into the work queue of {@code priority}. */
    public DelayQueues delayQueues(Priority priority) {
        return delayQueues.get(priority);
    }

    /** The delay queues of every priority. */
    public Collection<DelayQueues> allDelayQueues() {
        return delayQueues.values();
    }
}
