package dev.subtitles.common.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.subtitles.common.redis.LuaScript;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.smallrye.mutiny.Uni;

/**
 * The instances' heartbeats in Redis: one hash per instance ({@link InstanceReport}) that expires unless renewed, and
 * a sorted set of every instance by the time of its last beat. The set is what lists them without a key scan, and
 * what still names an instance whose hash expired (it stopped beating: killed, hung or cut off) until
 * {@code forget-after} has passed.
 */
public class Heartbeats {

    /** Replaces the hash (no field of an older report survives), renews its expiry and the index entry at once. */
    private static final LuaScript BEAT = new LuaScript("""
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 4))
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            return 1
            """);

    private final ReactiveRedisDataSource redis;
    private final String keyPrefix;
    private final StatusConfig config;

    public Heartbeats(ReactiveRedisDataSource redis, StatusConfig config) {
        this.redis = redis;
        this.keyPrefix = config.keyPrefix();
        this.config = config;
    }

    /** One instance's heartbeat and when it was last seen. */
    public record Beat(String service, String instance, Instant lastBeatAt, InstanceReport report) {

        /** Whether its heartbeat still stands; a lost instance has only its last beat's time. */
        public boolean alive() {
            return report != null;
        }
    }

    /** Writes {@code report} as its instance's heartbeat, standing for {@code heartbeat.ttl}. */
    public Uni<Void> beat(InstanceReport report) {
        String member = member(report.service(), report.instance());
        List<String> keysThenArgs = new ArrayList<>(List.of(instanceKey(member), indexKey(),
                Long.toString(config.heartbeat().ttl().toMillis()), Long.toString(report.beatAt().toEpochMilli()),
                member));
        report.toHash().forEach((field, value) -> {
            keysThenArgs.add(field);
            keysThenArgs.add(value);
        });
        return BEAT.run(redis, 2, keysThenArgs.toArray(String[]::new)).replaceWithVoid();
    }

    /** Removes an instance that stops on purpose, so that it is not listed as lost. */
    public Uni<Void> remove(String service, String instance) {
        String member = member(service, instance);
        return redis.key().del(instanceKey(member))
                .chain(() -> redis.sortedSet(String.class).zrem(indexKey(), member)).replaceWithVoid();
    }

    /**
     * Every instance seen within {@code forget-after} of {@code now}, newest beat first; forgets the older ones.
     */
    public Uni<List<Beat>> readAll(Instant now) {
        double cutoff = now.minus(config.forgetAfter()).toEpochMilli();
        return redis.sortedSet(String.class).zremrangebyscore(indexKey(), new ScoreRange<>(Double.NEGATIVE_INFINITY,
                false, cutoff, false))
                .chain(() -> redis.sortedSet(String.class).zrangeWithScores(indexKey(), 0, -1))
                .chain(members -> members.isEmpty() ? Uni.createFrom().item(List.<Beat> of())
                        : Uni.join().all(members.stream().map(this::read).toList()).andFailFast())
                .map(beats -> beats.stream()
                        .sorted((a, b) -> b.lastBeatAt().compareTo(a.lastBeatAt())).toList());
    }

    private Uni<Beat> read(ScoredValue<String> member) {
        String[] names = member.value().split("/", 2);
        Instant lastBeat = Instant.ofEpochMilli((long) member.score());
        return redis.hash(String.class).hgetall(instanceKey(member.value()))
                .map(hash -> new Beat(names[0], names.length > 1 ? names[1] : "", lastBeat,
                        hash.isEmpty() ? null : InstanceReport.fromHash(hash)));
    }

    private String indexKey() {
        return keyPrefix + "instances";
    }

    private String instanceKey(String member) {
        return keyPrefix + "instance:" + member;
    }

    private static String member(String service, String instance) {
        return service + "/" + instance;
    }
}
