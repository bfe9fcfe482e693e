package dev.subtitles.manager.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.projection.HistoryEntry;
import dev.subtitles.common.projection.JobHash;
import dev.subtitles.common.projection.ProjectionKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/** Reads the hot view the event-consumer keeps in Redis. Never writes: the event-consumer is the only writer. */
@ApplicationScoped
public class ProjectionReader {

    private final ProjectionKeys keys;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveRedisDataSource redis;

    public ProjectionReader(ReactiveRedisDataSource redis, ProjectionKeys keys) {
        this.keys = keys;
        this.hashes = redis.hash(String.class);
        this.redis = redis;
    }

    /** The job's hash fields; an empty map when Redis has no view of the job (not projected yet, or expired). */
    public Uni<Map<String, String>> job(UUID jobId) {
        return hashes.hgetall(keys.job(jobId));
    }

    /**
     * The sequence number of the job's newest projected event (its hash's {@code lastSeq}); {@code null} when Redis
     * has no view of the job. One field instead of the whole hash, for the audit trail's event count.
     */
    public Uni<Long> lastSeq(UUID jobId) {
        return hashes.hget(keys.job(jobId), JobHash.LAST_SEQ).map(value -> value == null ? null : Long.valueOf(value));
    }

    /**
     * History entries with {@code afterSeq < seq < beforeSeq}, newest first, at most {@code limit}; an empty list
     * when Redis has none (the history may still be in the durable log).
     */
    public Uni<List<HistoryEntry>> history(UUID jobId, long afterSeq, long beforeSeq, int limit) {
        // ZRANGE ... BYSCORE REV takes the upper bound first; "(" makes both bounds exclusive.
        String upper = beforeSeq == Long.MAX_VALUE ? "+inf" : "(" + beforeSeq;
        return redis.execute("ZRANGE", keys.history(jobId), upper, "(" + afterSeq, "BYSCORE", "REV", "LIMIT", "0",
                Integer.toString(limit), "WITHSCORES").map(ProjectionReader::toEntries);
    }

    /** History entries with {@code seq > afterSeq}, oldest first (the order a live client needs), at most {@code limit}. */
    public Uni<List<HistoryEntry>> historyAfter(UUID jobId, long afterSeq, int limit) {
        return redis.execute("ZRANGE", keys.history(jobId), "(" + afterSeq, "+inf", "BYSCORE", "LIMIT", "0",
                Integer.toString(limit), "WITHSCORES").map(ProjectionReader::toEntries);
    }

    /** Member and score pairs: nested in RESP3, flat (member, score, member, score...) in RESP2. */
    private static List<HistoryEntry> toEntries(Response response) {
        List<HistoryEntry> entries = new ArrayList<>();
        if (response == null) {
            return entries;
        }
        int size = response.size();
        for (int i = 0; i < size; i++) {
            Response item = response.get(i);
            if (item.type() == ResponseType.MULTI) {
                entries.add(new HistoryEntry((long) item.get(1).toDouble().doubleValue(), item.get(0).toString()));
            } else {
                entries.add(new HistoryEntry((long) response.get(i + 1).toDouble().doubleValue(), item.toString()));
                i++;
            }
        }
        return entries;
    }
}
