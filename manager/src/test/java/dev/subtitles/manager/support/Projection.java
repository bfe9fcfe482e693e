package dev.subtitles.manager.support;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.projection.HistoryEntry;
import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.common.projection.ProjectionScript;
import dev.subtitles.common.tenant.Tenants;
import dev.subtitles.manager.config.ManagerConfig;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Plays the event-consumer in tests through the real contract (docs/projection.md): records a job's events in the
 * event log the manager reads (the event-consumer's schema, {@link EventLogTable}), and projects them into Redis with
 * the event-consumer's script ({@link ProjectionScript}) under the manager's keys, the history entry built by
 * PostgreSQL ({@link HistoryEntry#SQL}). What a test reads is therefore what the event-consumer would have written.
 * Removes the Redis keys it wrote ({@link #clear}); the event log goes with the run's schema.
 */
@Singleton
public class Projection {

    private static final EventCodec CODEC = new EventCodec();
    private static final URI SOURCE = JobEvent.source("downloader", "test-host");
    private static final int HISTORY_CAP = 1000;
    private static final Duration TTL = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RedisDataSource redis;
    private final ProjectionKeys keys;
    private final ProjectionScript script;
    private final String jdbcUrl;
    private final String record;
    private final String recorded;
    private final Set<UUID> projectedJobs = ConcurrentHashMap.newKeySet();

    /** The projection the manager under test reads: its keys, its database and its event-log schema. */
    @Inject
    Projection(RedisDataSource redis, ProjectionKeys keys, ManagerConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
        this(redis, keys, jdbcUrl, config.projection().eventLogSchema());
    }

    /** A projection into {@code redis} under {@code keys}, with the event log in {@code schema} at {@code jdbcUrl}. */
    public Projection(RedisDataSource redis, ProjectionKeys keys, String jdbcUrl, String schema) {
        this.redis = redis;
        this.keys = keys;
        this.script = new ProjectionScript(keys, HISTORY_CAP, TTL);
        this.jdbcUrl = jdbcUrl;
        // The next number of the job's sequence, as the event-consumer reserves it, and the event under it.
        this.record = "with reserved as (insert into " + schema + ".job_sequence as s (job_id, last_seq) values (?, 1)"
                + " on conflict (job_id) do update set last_seq = s.last_seq + 1 returning last_seq)"
                + " insert into " + schema + ".job_event (event_id, job_id, seq, type, source, event_time, cloud_event)"
                + " select ?, ?, last_seq, ?, ?, ?, ?::jsonb from reserved";
        this.recorded = "select seq, " + HistoryEntry.SQL + " as entry, cloud_event->>'time' as time from " + schema
                + ".job_event where event_id = ?";
    }

    /** Records a new event of the job and projects it into Redis, announcing it, as the event-consumer does. */
    public JobEvent<?> inRedis(UUID jobId, EventPayload payload) {
        return project(inEventLog(jobId, payload), true);
    }

    /** Records and projects a new event of the job but does not announce it, as when pub/sub lost the message. */
    public JobEvent<?> inRedisUnannounced(UUID jobId, EventPayload payload) {
        return project(inEventLog(jobId, payload), false);
    }

    /** Records a new event of the job only in the event log, as if Redis had expired it or not projected it yet. */
    public JobEvent<?> inEventLog(UUID jobId, EventPayload payload) {
        return inEventLog(JobEvent.create(jobId, Tenants.DEFAULT, SOURCE, payload));
    }

    /** Records a new event of the job that happened at {@code time}, only in the event log. */
    public JobEvent<?> inEventLogAt(UUID jobId, EventPayload payload, Instant time) {
        JobEvent<?> now = JobEvent.create(jobId, Tenants.DEFAULT, SOURCE, payload);
        return inEventLog(new JobEvent<>(now.id(), now.type(), now.source(), jobId, now.tenant(), time, null,
                payload));
    }

    private JobEvent<?> inEventLog(JobEvent<?> event) {
        UUID jobId = event.jobId();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                PreparedStatement insert = connection.prepareStatement(record)) {
            insert.setObject(1, jobId);
            insert.setObject(2, event.id());
            insert.setObject(3, jobId);
            insert.setString(4, event.type().routingKey());
            insert.setString(5, event.source().toString());
            insert.setTimestamp(6, Timestamp.from(event.time()));
            insert.setString(7, new String(CODEC.encode(event), StandardCharsets.UTF_8));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the event in the test event log", e);
        }
        return event;
    }

    /** Projects an event recorded before ({@link #inEventLog}) into Redis, announcing it. */
    public JobEvent<?> project(JobEvent<?> event) {
        return project(event, true);
    }

    /** Deletes the Redis keys of every job this fixture projected. */
    public void clear() {
        for (UUID jobId : projectedJobs) {
            redis.key().del(keys.job(jobId), keys.history(jobId));
        }
        projectedJobs.clear();
    }

    private JobEvent<?> project(JobEvent<?> event, boolean announce) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                PreparedStatement select = connection.prepareStatement(recorded)) {
            select.setObject(1, event.id());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("event " + event.id() + " is not in the test event log");
                }
                HistoryEntry entry = new HistoryEntry(row.getLong("seq"), row.getString("entry"));
                projectedJobs.add(event.jobId());
                ProjectionScript.SCRIPT.run(redis.getReactive(), ProjectionScript.KEY_COUNT,
                        script.call(event, entry, row.getString("time"), announce)).await().atMost(WAIT);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event back from the test event log", e);
        }
        return event;
    }
}
