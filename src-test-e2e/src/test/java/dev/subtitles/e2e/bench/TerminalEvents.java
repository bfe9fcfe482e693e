package dev.subtitles.e2e.bench;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.subtitles.common.event.EventType;

/**
 * Every job's terminal events as the tap sees them (README "Event flow": {@code subtitle.ready},
 * {@code subtitle.translated}, {@code job.failed}, {@code job.cancelled}; a job that is translated has no
 * {@code subtitle.ready}), with the moment the first one arrived. Two terminal events of one job with different ids
 * are a duplicate; the same id twice is a redelivery of one publication and counts once.
 */
final class TerminalEvents implements Consumer<JsonNode> {

    private static final Set<String> TERMINAL = Set.of(EventType.SUBTITLE_READY.routingKey(),
            EventType.TRANSLATED.routingKey(), EventType.JOB_FAILED.routingKey(),
            EventType.JOB_CANCELLED.routingKey());

    private final Map<UUID, Ending> endings = new ConcurrentHashMap<>();

    @Override
    public void accept(JsonNode event) {
        String type = event.path("type").asText();
        if (!TERMINAL.contains(type)) {
            return;
        }
        UUID job;
        try {
            job = UUID.fromString(event.path("subject").asText());
        } catch (IllegalArgumentException notAJob) {
            return;
        }
        endingOf(job).record(event.path("id").asText(), type, System.nanoTime());
    }

    /** Waits until the job's first terminal event arrived, at most until {@code deadlineNanos}. */
    void awaitEnd(UUID job, long deadlineNanos) throws InterruptedException {
        try {
            endingOf(job).first.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException notEnded) {
            // judged later, as lost
        }
    }

    /** Waits until each job's first terminal event arrived, at most until {@code deadlineNanos}. */
    void awaitEnds(Collection<UUID> jobs, long deadlineNanos) throws InterruptedException {
        for (UUID job : jobs) {
            awaitEnd(job, deadlineNanos);
        }
    }

    /** When the job's first terminal event arrived, and its type; empty if none has. */
    Optional<End> firstEnd(UUID job) {
        return Optional.ofNullable(endingOf(job).first.getNow(null));
    }

    /** How many terminal events with different ids the job has had. */
    int terminalEvents(UUID job) {
        return endingOf(job).ids.size();
    }

    private Ending endingOf(UUID job) {
        return endings.computeIfAbsent(job, absent -> new Ending());
    }

    /** The first terminal event of a job: when it arrived, its type. */
    record End(long nanos, String type) {
    }

    private static final class Ending {

        private final CompletableFuture<End> first = new CompletableFuture<>();
        private final Set<String> ids = ConcurrentHashMap.newKeySet();

        void record(String id, String type, long nanos) {
            ids.add(id);
            first.complete(new End(nanos, type));
        }
    }
}
