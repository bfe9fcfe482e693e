package dev.subtitles.manager.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.subtitles.common.event.EventCodec;
import dev.subtitles.common.event.JobEvent;
import dev.subtitles.common.event.payload.EventPayload;
import dev.subtitles.common.event.payload.JobFailed;
import dev.subtitles.common.event.payload.SubtitleReady;
import dev.subtitles.common.event.payload.Translated;
import dev.subtitles.common.phase.JobPhase;
import dev.subtitles.common.phase.PhaseMachine;
import dev.subtitles.manager.config.ManagerConfig;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Plays the event-consumer in tests: writes a job's projection in the shape PROJECTION_CONTRACT.md fixes (Redis
 * hash, history sorted set, pub/sub message; or rows of the durable log), and removes what it wrote.
 */
public final class Projection {

    private static final EventCodec CODEC = new EventCodec();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final URI SOURCE = JobEvent.source("downloader", "test-host");

    private final RedisDataSource redis;
    private final String prefix;
    private final String eventLogSchema;
    private final Map<UUID, Long> lastSeq = new HashMap<>();
    private final Map<UUID, JobPhase> phases = new HashMap<>();
    private final List<String> keys = new ArrayList<>();

    public Projection(RedisDataSource redis, String prefix, String eventLogSchema) {
        this.redis = redis;
        this.prefix = prefix;
        this.eventLogSchema = eventLogSchema;
    }

    /** The projection the manager under test reads: its key prefix and event-log schema. */
    public static Projection of(RedisDataSource redis, ManagerConfig config) {
        return new Projection(redis, config.projection().keyPrefix().orElse(""), config.projection().eventLogSchema());
    }

    /** Projects a new event of the job into Redis as the event-consumer would, publishing it last. */
    public JobEvent<?> inRedis(UUID jobId, EventPayload payload) {
        return inRedis(jobId, payload, true);
    }

    /** Projects a new event of the job into Redis but does not publish it, as when pub/sub lost the message. */
    public JobEvent<?> inRedisUnannounced(UUID jobId, EventPayload payload) {
        return inRedis(jobId, payload, false);
    }

    private JobEvent<?> inRedis(UUID jobId, EventPayload payload, boolean announced) {
        JobEvent<?> event = JobEvent.create(jobId, SOURCE, payload);
        long seq = nextSeq(jobId);
        String entry = entry(event, seq);
        String hashKey = prefix + "job:" + jobId;
        String historyKey = hashKey + ":events";
        JobPhase phase = PhaseMachine.apply(phases.get(jobId), event.type());
        Map<String, String> fields = new LinkedHashMap<>();
        if (phase != phases.get(jobId)) {
            fields.put("phase", phase.name());
            fields.putAll(resultFields(payload));
        }
        phases.put(jobId, phase);
        fields.put("updatedAt", event.time().toString());
        fields.put("lastEventId", event.id().toString());
        fields.put("lastEventType", event.type().routingKey());
        fields.put("lastSeq", Long.toString(seq));
        redis.hash(String.class).hset(hashKey, fields);
        redis.sortedSet(String.class).zadd(historyKey, seq, entry);
        redis.key().expire(hashKey, 3600);
        redis.key().expire(historyKey, 3600);
        keys.add(hashKey);
        keys.add(historyKey);
        if (announced) {
            redis.pubsub(String.class).publish(prefix + "job-events", entry);
        }
        return event;
    }

    /** Records a new event of the job only in the durable log, as if Redis had expired it. */
    public JobEvent<?> inEventLog(UUID jobId, EventPayload payload) {
        JobEvent<?> event = JobEvent.create(jobId, SOURCE, payload);
        long seq = nextSeq(jobId);
        String sql = "insert into " + eventLogSchema + ".job_event (event_id, job_id, seq, type, source, event_time,"
                + " cloud_event) values (?, ?, ?, ?, ?, ?, ?::jsonb)";
        try (Connection connection = DriverManager.getConnection(TestInfrastructure.JDBC_URL, "postgres", "postgres");
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, event.id());
            insert.setObject(2, jobId);
            insert.setLong(3, seq);
            insert.setString(4, event.type().routingKey());
            insert.setString(5, event.source().toString());
            insert.setTimestamp(6, Timestamp.from(event.time()));
            insert.setString(7, new String(CODEC.encode(event), StandardCharsets.UTF_8));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record event in the test event log", e);
        }
        return event;
    }

    /** Deletes the Redis keys this fixture wrote. */
    public void clear() {
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
            keys.clear();
        }
    }

    private long nextSeq(UUID jobId) {
        return lastSeq.merge(jobId, 1L, Long::sum);
    }

    /** The history entry JSON of the contract, field order included. */
    private static String entry(JobEvent<?> event, long seq) {
        try {
            JsonNode cloudEvent = MAPPER.readTree(CODEC.encode(event));
            ObjectNode entry = MAPPER.createObjectNode();
            entry.put("jobId", event.jobId().toString());
            entry.put("seq", seq);
            entry.put("id", event.id().toString());
            entry.put("type", event.type().routingKey());
            entry.set("time", cloudEvent.get("time"));
            entry.put("source", event.source().toString());
            entry.set("data", cloudEvent.get("data"));
            return MAPPER.writeValueAsString(entry);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> resultFields(EventPayload payload) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (payload instanceof SubtitleReady ready) {
            fields.put("resultFileId", ready.fileId().toString());
            fields.put("provider", ready.provider());
            fields.put("language", ready.language());
        } else if (payload instanceof Translated translated) {
            fields.put("resultFileId", translated.fileId().toString());
            fields.put("engine", translated.engine());
            fields.put("language", translated.targetLanguage());
        } else if (payload instanceof JobFailed failed) {
            fields.put("errorCode", failed.errorCode());
            fields.put("error", failed.message());
            fields.put("stage", failed.stage().name());
        }
        return fields;
    }
}
