package dev.subtitles.manager.live;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Whether a job was ever submitted. A plain query rather than the Panache repository, because a WebSocket
 * handshake has no Hibernate Reactive session to run it in.
 */
@ApplicationScoped
public class KnownJobs {

    private final Pool pool;

    public KnownJobs(Pool pool) {
        this.pool = pool;
    }

    /** True when the manager accepted a job with this id. */
    public Uni<Boolean> exists(UUID jobId) {
        return pool.preparedQuery("select exists (select 1 from manager.job where id = $1) as known")
                .execute(Tuple.of(jobId)).map(rows -> rows.iterator().next().getBoolean("known"));
    }
}
