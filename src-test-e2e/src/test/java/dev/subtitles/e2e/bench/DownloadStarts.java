package dev.subtitles.e2e.bench;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import dev.subtitles.common.event.EventType;

/**
 * When each job's first {@code subtitle.download.started} arrived on the tap ({@link System#nanoTime()}): the moment
 * the downloader took the job off its queue.
 */
final class DownloadStarts implements Consumer<JsonNode> {

    private final Map<UUID, Long> firstStart = new ConcurrentHashMap<>();

    @Override
    public void accept(JsonNode event) {
        if (!EventType.DOWNLOAD_STARTED.routingKey().equals(event.path("type").asText())) {
            return;
        }
        try {
            firstStart.putIfAbsent(UUID.fromString(event.path("subject").asText()), System.nanoTime());
        } catch (IllegalArgumentException notAJob) {
            // not an event about a job: nothing started
        }
    }

    /** When the job's download first started; empty if it has not. */
    Optional<Long> of(UUID job) {
        return Optional.ofNullable(firstStart.get(job));
    }

    /** How many of {@code jobs} had not started by {@code nanos}. */
    long notStartedBy(Collection<UUID> jobs, long nanos) {
        return jobs.stream().filter(job -> of(job).map(start -> start > nanos).orElse(true)).count();
    }
}
