package dev.subtitles.manager.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.util.RawValue;

import dev.subtitles.common.projection.HistoryEntry;
import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.projection.JobEventFeed;
import dev.subtitles.manager.projection.ProjectionReader;
import dev.subtitles.manager.repository.EventLogRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;

/**
 * A job's audit trail, newest first: from the Redis history, completed from the durable event log for whatever
 * Redis no longer holds (expired, or beyond its cap). Sequence numbers are the cursors.
 * <p>
 * Long poll: when the page would be empty and the request allows waiting, the answer is held until an event newer
 * than {@code after} is projected (told by {@link JobEventFeed}, and re-checked every
 * {@code manager.events.wait-recheck-interval} in case a pub/sub message was lost) or the wait is over.
 */
@ApplicationScoped
public class JobEventsService {

    private static final Logger LOG = Logger.getLogger(JobEventsService.class);

    private final ProjectionReader projection;
    private final EventLogRepository eventLog;
    private final OwnedJobs owned;
    private final JobEventFeed feed;
    private final ManagerConfig.Events config;
    private final Outages outages;

    public JobEventsService(ProjectionReader projection, EventLogRepository eventLog, OwnedJobs owned,
            JobEventFeed feed, ManagerConfig config, Outages outages) {
        this.projection = projection;
        this.eventLog = eventLog;
        this.owned = owned;
        this.feed = feed;
        this.config = config.events();
        this.outages = outages;
    }

    /**
     * A page of the events of {@code tenant}'s job {@code id}. The job's tenant is looked up alongside the first
     * read, so another tenant's job is refused before anything of it is answered or waited for.
     *
     * @param limit page size, or {@code null} for the default
     * @param cursor only events older than this sequence number (the {@code nextCursor} of the previous page)
     * @param after only events newer than this sequence number (the newest the client already has)
     * @param waitSeconds when the page would be empty, how long to wait for a new event (0 or {@code null}: not)
     * @return fails with {@link JobNotFoundException} for an unknown job, or another tenant's
     */
    @WithSpan("JobEventsService.page")
    public Uni<EventPage> page(String tenant, String id, String limit, String cursor, String after, String waitSeconds) {
        UUID jobId = JobIds.parse(id);
        Query query = new Query(jobId, pageSize(limit), sequence("after", after, 0),
                sequence("cursor", cursor, Long.MAX_VALUE), waitFor(waitSeconds));
        LOG.debugf("events of job %s: %s", jobId, query);
        // The owner, the page and the event count do not depend on each other: the three reads go out at once.
        return outages.guard(Uni.combine().all().unis(owned.require(tenant, jobId, id), fetch(query), eventCount(jobId))
                .asTuple())
                .flatMap(read -> {
                    List<HistoryEntry> entries = read.getItem2();
                    if (!entries.isEmpty() || query.maxWait().isZero()) {
                        return Uni.createFrom().item(page(query, entries, read.getItem3()));
                    }
                    return outages.translate(waitForEvents(query, Instant.now().plus(query.maxWait())));
                });
    }

    private Uni<EventPage> waitForEvents(Query query, Instant deadline) {
        Duration remaining = Duration.between(Instant.now(), deadline);
        if (remaining.isNegative() || remaining.isZero()) {
            return toPage(query, List.of());
        }
        Duration slice = remaining.compareTo(config.waitRecheckInterval()) < 0 ? remaining
                : config.waitRecheckInterval();
        return feed.awaitNewer(query.jobId(), query.after(), slice)
                .flatMap(notified -> fetch(query))
                .flatMap(entries -> entries.isEmpty() ? waitForEvents(query, deadline) : toPage(query, entries));
    }

    private Uni<List<HistoryEntry>> fetch(Query query) {
        return projection.history(query.jobId(), query.after(), query.before(), query.limit()).flatMap(cached -> {
            long lowest = cached.isEmpty() ? query.before() : cached.get(cached.size() - 1).seq();
            if (cached.size() == query.limit() || lowest <= query.after() + 1) {
                return Uni.createFrom().item(cached);
            }
            return eventLog.page(query.jobId(), query.after(), lowest, query.limit() - cached.size())
                    .map(older -> {
                        if (older.isEmpty()) {
                            return cached;
                        }
                        List<HistoryEntry> all = new ArrayList<>(cached);
                        all.addAll(older);
                        return all;
                    });
        });
    }

    private Uni<EventPage> toPage(Query query, List<HistoryEntry> entries) {
        return eventCount(query.jobId()).map(count -> page(query, entries, count));
    }

    /**
     * The page, with {@code count} read alongside it: an event projected between the two reads can make the page's
     * newest sequence number higher than the count read, and sequence numbers run 1, 2, 3..., so the count is at
     * least that number.
     */
    private static EventPage page(Query query, List<HistoryEntry> entries, long count) {
        long eventCount = entries.isEmpty() ? count : Math.max(count, entries.get(0).seq());
        List<RawValue> events = entries.stream().map(entry -> new RawValue(entry.json())).toList();
        long oldest = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
        String next = entries.size() == query.limit() && oldest > query.after() + 1 ? Long.toString(oldest) : null;
        return new EventPage(query.jobId(), eventCount, events, next);
    }

    private Uni<Long> eventCount(UUID jobId) {
        return projection.lastSeq(jobId).flatMap(lastSeq -> lastSeq != null
                ? Uni.createFrom().item(lastSeq)
                : eventLog.lastSeq(jobId));
    }

    private int pageSize(String limit) {
        Integer size = QueryParameters.integer("limit", limit, 1, config.maxPageSize());
        return size == null ? config.defaultPageSize() : size;
    }

    private static long sequence(String parameter, String value, long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long seq = Long.parseLong(value.trim());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            LOG.debugf("%s '%s' is not a sequence number", parameter, value);
        }
        throw new InvalidQueryException(parameter, "must be an event sequence number (0 or more)");
    }

    private Duration waitFor(String waitSeconds) {
        Integer seconds = QueryParameters.integer("wait", waitSeconds, 0, config.maxWait().toSeconds());
        return seconds == null ? Duration.ZERO : Duration.ofSeconds(seconds);
    }

    /** What a request asks for: sequence numbers in {@code (after, before)}, newest first, at most {@code limit}. */
    private record Query(UUID jobId, int limit, long after, long before, Duration maxWait) {
    }
}
