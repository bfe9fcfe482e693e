package dev.subtitles.eventconsumer.projection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.common.projection.ProjectionKeys;
import dev.subtitles.common.projection.ProjectionScript;
import dev.subtitles.common.redis.LuaScript;
import dev.subtitles.eventconsumer.config.EventConsumerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * Writes the Redis view of jobs (docs/projection.md): each event goes through {@link ProjectionScript}, and the
 * scripts of a batch travel in one pipeline, so a batch costs one round trip.
 */
@ApplicationScoped
public class RedisJobView {

    private static final Logger LOG = Logger.getLogger(RedisJobView.class);

    private final Redis redis;
    private final ProjectionKeys keys;
    private final ProjectionScript script;

    public RedisJobView(Redis redis, ProjectionKeys keys, EventConsumerConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.script = new ProjectionScript(keys, config.redis().historyMaxEntries(), config.redis().ttl());
    }

    /**
     * Applies the events in order and announces each on the pub/sub channel. An event whose history entry is
     * already there (a redelivery projected before) changes nothing and is not announced again.
     *
     * @return for each event, what its projection did
     */
    Uni<List<Change>> project(List<ProjectedEvent> events) {
        List<Request> requests = new ArrayList<>(events.size());
        events.forEach(event -> requests.add(projection(event, true)));
        return send(requests).map(responses -> responses.stream().map(RedisJobView::change).toList());
    }

    /**
     * What projecting one event did.
     *
     * @param projected false for a duplicate, which changed nothing
     * @param ended the event moved its job into a terminal phase
     * @param submittedAt when an event that ended its job: the time of the job's {@code subtitle.download.requested},
     *        {@code null} when Redis does not have it
     */
    record Change(boolean projected, boolean ended, Instant submittedAt) {
    }

    /** The script answers 0 or 1, or the submission time (possibly empty) for an event that ended its job. */
    private static Change change(Response response) {
        if (response.type() != ResponseType.BULK) {
            return new Change(response.toLong() == 1, false, null);
        }
        return new Change(true, true, submittedAt(response.toString()));
    }

    /** The submission time the script answered; {@code null} when it had none or it does not parse. */
    private static Instant submittedAt(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            LOG.debugf("The submission time %s in a job's history does not parse", text);
            return null;
        }
    }

    /**
     * Replaces a job's view with the replay of its history, without announcing anything: the same script as the
     * live projection, so the result is what an in-order live projection would have written.
     */
    Uni<Void> replace(UUID jobId, List<ProjectedEvent> history) {
        List<Request> requests = new ArrayList<>(history.size() + 1);
        requests.add(Request.cmd(Command.DEL).arg(keys.job(jobId)).arg(keys.history(jobId)));
        history.forEach(event -> requests.add(projection(event, false)));
        return send(requests).replaceWithVoid();
    }

    private Request projection(ProjectedEvent projected, boolean announce) {
        RecordedEvent recorded = projected.recorded();
        Request request = Request.cmd(Command.EVALSHA).arg(ProjectionScript.SCRIPT.sha()).arg(ProjectionScript.KEY_COUNT);
        for (String arg : script.call(projected.event(), recorded.entry(), recorded.time(), announce)) {
            request.arg(arg);
        }
        return request;
    }

    /** Sends the pipeline, loading the script first if Redis does not know it (e.g. after a restart). */
    private Uni<List<Response>> send(List<Request> requests) {
        return redis.batch(requests).onFailure(LuaScript::isUnknownScript).recoverWithUni(failure -> {
            LOG.info("Redis does not know the projection script (restarted?); loading it");
            return redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(ProjectionScript.SCRIPT.source()))
                    .chain(() -> redis.batch(requests));
        });
    }
}
