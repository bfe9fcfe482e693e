package dev.subtitles.manager.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.status.Heartbeats;
import dev.subtitles.common.status.InstanceReport;
import dev.subtitles.common.status.StatusConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/** The service instances that wrote a heartbeat (dev.subtitles.common.status.HeartbeatProducer), alive or lost. */
@ApplicationScoped
public class WorkerInstances {

    private final Heartbeats heartbeats;
    private final Clock clock = Clock.systemUTC();

    public WorkerInstances(ReactiveRedisDataSource redis, StatusConfig config) {
        this.heartbeats = new Heartbeats(redis, config);
    }

    /**
     * One instance. A lost one (its heartbeat expired: killed, hung or cut off from Redis) has only its name and
     * last beat.
     */
    public record InstanceView(String service, String instance, boolean alive, Instant lastBeatAt, String version,
            Integer concurrency, Integer inFlight, Instant startedAt, String lastError, Instant lastErrorAt) {
    }

    /** Every instance seen within {@code subtitles.status.forget-after}, by service and then name. */
    public Uni<List<InstanceView>> read() {
        return heartbeats.readAll(clock.instant()).map(beats -> beats.stream().map(beat -> {
            InstanceReport report = beat.report();
            return report == null
                    ? new InstanceView(beat.service(), beat.instance(), false, beat.lastBeatAt(), null, null, null,
                            null, null, null)
                    : new InstanceView(beat.service(), beat.instance(), true, report.beatAt(), report.version(),
                            report.concurrency(), report.inFlight(), report.startedAt(), report.lastError(),
                            report.lastErrorAt());
        }).sorted((a, b) -> a.service().equals(b.service()) ? a.instance().compareTo(b.instance())
                : a.service().compareTo(b.service())).toList());
    }
}
