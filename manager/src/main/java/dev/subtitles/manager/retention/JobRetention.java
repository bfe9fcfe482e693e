package dev.subtitles.manager.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.subtitles.manager.config.ManagerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deletes the jobs that ended more than {@code manager.retention.age} ago, with their event log rows
 * ({@code job_event} and {@code job_sequence} in {@code manager.projection.event-log-schema}), their stored files and the file
 * contents no other file
 * refers to. The Redis view of a job expires by itself (the projection's TTL).
 * <p>
 * Rounds are small transactions of at most {@code manager.retention.batch-size} jobs, one manager instance at a time
 * (a transaction-level advisory lock; another instance's round skips). Contents are shared between files by SHA-256
 * and a worker's save refers to an existing content row without writing it, so the round locks
 * {@code subtitles.subtitle_file} against inserts (SHARE, held for one indexed delete) before deleting the contents
 * no file refers to: a save that runs at the same time either finishes first and keeps its content, or waits and
 * inserts the content again.
 */
@Startup
@ApplicationScoped
public class JobRetention {

    private static final Logger LOG = Logger.getLogger(JobRetention.class);

    private static final String ONE_ROUND_AT_A_TIME = "select pg_try_advisory_xact_lock(hashtext('manager.job-retention'))"
            + " as locked";
    private static final String DELETE_JOBS_IN = "with expired as (select id from manager.job where settled_at < $1"
            + " order by settled_at limit $2 for update skip locked),"
            + " files as (delete from subtitles.subtitle_file f using expired e where f.job_id = e.id"
            + " returning f.sha256),"
            + " events as (delete from %1$s.job_event v using expired e where v.job_id = e.id returning 1),"
            + " sequences as (delete from %1$s.job_sequence s using expired e where s.job_id = e.id returning 1),"
            + " jobs as (delete from manager.job j using expired e where j.id = e.id returning 1)"
            + " select (select count(*) from jobs) as jobs, (select count(*) from events) as events,"
            + " (select count(*) from files) as files, array(select distinct sha256 from files) as contents";
    private static final String BLOCK_FILE_INSERTS = "lock table subtitles.subtitle_file in share mode";
    private static final String DELETE_UNREFERENCED_CONTENTS = "delete from subtitles.subtitle_content c"
            + " where c.sha256 = any($1) and not exists"
            + " (select 1 from subtitles.subtitle_file f where f.sha256 = c.sha256)";

    /** The tables a round deletes from, as the {@code table} tag of {@code manager.retention.removed}. */
    enum Table {
        JOB,
        JOB_EVENT,
        SUBTITLE_FILE,
        SUBTITLE_CONTENT
    }

    private final Pool pool;
    private final String deleteJobs;
    private final Duration age;
    private final int batchSize;
    private final Duration roundTimeout;
    private final Map<Table, Counter> removed = new EnumMap<>(Table.class);

    public JobRetention(Pool pool, ManagerConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.deleteJobs = DELETE_JOBS_IN.formatted(config.projection().eventLogSchema());
        this.age = config.retention().age();
        this.batchSize = config.retention().batchSize();
        this.roundTimeout = config.dependencies().timeout().multipliedBy(4);
        for (Table table : Table.values()) {
            removed.put(table, Counter.builder("manager.retention.removed").tag("table", table.name().toLowerCase())
                    .description("Rows the retention clean-up deleted").register(registry));
        }
    }

    @Scheduled(every = "${manager.retention.interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> clean() {
        return round()
                .onFailure().invoke(failure -> LOG.warnf("retention round failed, the next one tries again: %s",
                        failure.getMessage()))
                .onFailure().recoverWithItem(0)
                .flatMap(jobs -> jobs == batchSize ? clean() : Uni.createFrom().voidItem());
    }

    /** One round in a transaction of its own: the number of jobs deleted (0 while another instance runs one). */
    public Uni<Integer> round() {
        Instant cutoff = Instant.now().minus(age);
        return pool.withTransaction(connection -> connection.query(ONE_ROUND_AT_A_TIME).execute()
                .flatMap(rows -> rows.iterator().next().getBoolean("locked")
                        ? deleteJobs(connection, cutoff)
                        : Uni.createFrom().item(0)))
                .ifNoItem().after(roundTimeout).fail();
    }

    private Uni<Integer> deleteJobs(SqlConnection connection, Instant cutoff) {
        return connection.preparedQuery(deleteJobs).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), batchSize))
                .flatMap(rows -> {
                    Row row = rows.iterator().next();
                    int jobs = row.getInteger("jobs");
                    String[] contents = row.getArrayOfStrings("contents");
                    return deleteUnreferencedContents(connection, contents).map(deletedContents -> {
                        count(Table.JOB, jobs);
                        count(Table.JOB_EVENT, row.getLong("events"));
                        count(Table.SUBTITLE_FILE, row.getLong("files"));
                        count(Table.SUBTITLE_CONTENT, deletedContents);
                        if (jobs > 0) {
                            LOG.infof("retention deleted %d job(s) ended before %s: %d event(s), %d file(s), %d content(s)",
                                    jobs, cutoff, row.getLong("events"), row.getLong("files"), deletedContents);
                        }
                        return jobs;
                    });
                });
    }

    private Uni<Integer> deleteUnreferencedContents(SqlConnection connection, String[] contents) {
        if (contents.length == 0) {
            return Uni.createFrom().item(0);
        }
        return connection.query(BLOCK_FILE_INSERTS).execute()
                .flatMap(locked -> connection.preparedQuery(DELETE_UNREFERENCED_CONTENTS)
                        .execute(Tuple.of(contents)))
                .map(deleted -> deleted.rowCount());
    }

    private void count(Table table, long rows) {
        removed.get(table).increment(rows);
    }
}
