package dev.subtitles.manager.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.manager.repository.HistoryEntry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.smallrye.mutiny.Uni;

/** Reads the hot view the event-consumer keeps in Redis. Never writes: the event-consumer is the only writer. */
@ApplicationScoped
public class ProjectionReader {

    private final ProjectionKeys keys;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveSortedSetCommands<String, String> sortedSets;

    public ProjectionReader(ReactiveRedisDataSource redis, ProjectionKeys keys) {
        this.keys = keys;
        this.hashes = redis.hash(String.class);
        this.sortedSets = redis.sortedSet(String.class);
    }

    /** The job's hash fields; an empty map when Redis has no view of the job (not projected yet, or expired). */
    public Uni<Map<String, String>> job(UUID jobId) {
        return hashes.hgetall(keys.job(jobId));
    }

    /**
     * History entries with {@code afterSeq < seq < beforeSeq}, newest first, at most {@code limit}; an empty list
     * when Redis has none (the history may still be in the durable log).
     */
    public Uni<List<HistoryEntry>> history(UUID jobId, long afterSeq, long beforeSeq, int limit) {
        ScoreRange<Double> range = new ScoreRange<>((double) afterSeq, false, (double) beforeSeq, false);
        return sortedSets.zrangebyscoreWithScores(keys.history(jobId), range, new ZRangeArgs().rev().limit(0, limit))
                .map(ProjectionReader::toEntries);
    }

    private static List<HistoryEntry> toEntries(List<ScoredValue<String>> values) {
        List<HistoryEntry> entries = new ArrayList<>(values.size());
        for (ScoredValue<String> value : values) {
            entries.add(new HistoryEntry((long) value.score(), value.value()));
        }
        return entries;
    }
}
