package dev.subtitles.eventconsumer.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the event log in PostgreSQL ({@code events.job_event}), for assertions. */
@ApplicationScoped
public class EventLog {

    private final Pool pool;

    public EventLog(Pool pool) {
        this.pool = pool;
    }

    /** The types of the job's recorded events, in sequence order. */
    public List<String> types(UUID jobId) {
        List<String> types = new ArrayList<>();
        pool.preparedQuery("SELECT type FROM events.job_event WHERE job_id = $1 ORDER BY seq")
                .execute(Tuple.of(jobId)).await().atMost(Duration.ofSeconds(30))
                .forEach(row -> types.add(row.getString("type")));
        return types;
    }
}
