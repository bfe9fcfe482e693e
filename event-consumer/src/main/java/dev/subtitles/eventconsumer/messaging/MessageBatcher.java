package dev.subtitles.eventconsumer.messaging;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Groups items into batches by what has piled up while the previous batch was being handled ("natural batching"):
 * {@link #next()} hands over everything pending, up to a maximum, at once; when nothing is pending it completes with
 * the next item to arrive. So a batch never waits for company: under light load batches hold one or a few items and
 * add no latency; under heavy load they grow to the maximum and amortise the round trips.
 * <p>
 * A time-based grouping would not do: it keeps emitting small groups on its clock while the consumer is busy, and
 * those pile up as a queue of small batches exactly when large ones are needed. Thread-safe: items may be added from
 * any thread; {@link #next()} is meant for one consumer loop.
 *
 * @param <T> the item type
 */
final class MessageBatcher<T> {

    private final int maxSize;
    private final Deque<T> pending = new ArrayDeque<>();
    /** The consumer waiting for an item, if {@link #next()} found nothing pending. Guarded by {@code this}. */
    private UniEmitter<? super List<T>> waiting;

    MessageBatcher(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be positive, was " + maxSize);
        }
        this.maxSize = maxSize;
    }

    /** Adds an item; hands it over at once if the consumer is waiting. */
    void add(T item) {
        UniEmitter<? super List<T>> consumer;
        List<T> batch;
        synchronized (this) {
            pending.add(item);
            if (waiting == null) {
                return;
            }
            consumer = waiting;
            waiting = null;
            batch = take();
        }
        consumer.complete(batch);
    }

    /** The pending items (at most the maximum), or, when there are none, the next item to be added. */
    Uni<List<T>> next() {
        return Uni.createFrom().emitter(emitter -> {
            List<T> batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    waiting = emitter;
                    return;
                }
                batch = take();
            }
            emitter.complete(batch);
        });
    }

    private List<T> take() {
        List<T> batch = new ArrayList<>(Math.min(maxSize, pending.size()));
        while (batch.size() < maxSize && !pending.isEmpty()) {
            batch.add(pending.poll());
        }
        return batch;
    }
}
