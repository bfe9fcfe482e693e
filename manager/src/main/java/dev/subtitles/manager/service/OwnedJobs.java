package dev.subtitles.manager.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.manager.repository.Job;
import dev.subtitles.manager.repository.JobRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one way a request reaches a job by its id: only a job of the caller's tenant is found. Another tenant's job
 * fails exactly as an unknown or malformed id does ({@link JobNotFoundException} with the same message), so an answer
 * never tells that a job exists elsewhere.
 */
@ApplicationScoped
public class OwnedJobs {

    private static final String KNOWN = "select exists (select 1 from manager.job where id = $1 and tenant = $2)"
            + " as known";

    private final JobRepository jobs;
    private final Pool pool;

    public OwnedJobs(JobRepository jobs, Pool pool) {
        this.jobs = jobs;
        this.pool = pool;
    }

    /** The job {@code id} of {@code tenant}; fails with {@link JobNotFoundException} when it has none. */
    public Uni<Job> require(String tenant, String id) {
        UUID jobId = JobIds.parse(id);
        return require(tenant, jobId, id);
    }

    /** As {@link #require(String, String)}, for an id already parsed; {@code id} is the id as the request named it. */
    Uni<Job> require(String tenant, UUID jobId, String id) {
        return jobs.findOwned(tenant, jobId).onItem().ifNull().failWith(() -> new JobNotFoundException(id));
    }

    /**
     * The id of job {@code id} of {@code tenant}, without loading it; fails as {@link #require(String, String)} does.
     * A plain query rather than the Panache repository, because a WebSocket handshake has no Hibernate Reactive
     * session to run it in.
     */
    public Uni<UUID> requireKnown(String tenant, String id) {
        return Uni.createFrom().item(() -> JobIds.parse(id))
                .call(jobId -> pool.preparedQuery(KNOWN).execute(Tuple.of(jobId, tenant)).invoke(rows -> {
                    if (!rows.iterator().next().getBoolean("known")) {
                        throw new JobNotFoundException(id);
                    }
                }));
    }
}
