package dev.subtitles.manager.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.subtitles.common.event.EventType;
import dev.subtitles.manager.config.ManagerConfig;
import dev.subtitles.manager.upgrade.UpgradesConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Settles jobs that ended ({@code manager.job.settled_at}), and in the same statement makes the done ones whose
 * subtitle matched poorly or was machine-translated candidates for better-match upgrades ({@code manager.upgrade},
 * docs/upgrades.md): a job is settled once, so its candidacy is decided once, from the event that made it
 * {@code DONE} in the event log, which the event-consumer records before the end is heard anywhere. A job settled
 * before that event is recorded (the deadline sweep settles a job a worker decided finished, before its event arrives)
 * is no candidate.
 */
@ApplicationScoped
public class JobSettlement {

    private static final String SETTLE = """
            with settled as (update manager.job set settled_at = now() where id = any($1) and settled_at is null
                returning id, settled_at),
            results as (select s.id, s.settled_at, e.type, e.cloud_event->'data' as data from settled s
                cross join lateral (select type, cloud_event from %1$s.job_event where job_id = s.id
                    and type in ('%2$s', '%3$s') order by seq limit 1) e)
            insert into manager.upgrade (job_id, finished_at, original_file_id, score, machine_translated,
                next_search_at)
            select id, settled_at, (data->>'fileId')::uuid, (data->>'score')::double precision, type = '%3$s',
                settled_at + make_interval(secs => $2)
            from results where $3 and (type = '%3$s' or (data->>'score')::double precision < $4)
            on conflict (job_id) do nothing""";

    private final String settle;
    private final UpgradesConfig upgrades;

    public JobSettlement(ManagerConfig config, UpgradesConfig upgrades) {
        this.settle = SETTLE.formatted(config.projection().eventLogSchema(), EventType.SUBTITLE_READY.routingKey(),
                EventType.TRANSLATED.routingKey());
        this.upgrades = upgrades;
    }

    /** Settles those of {@code jobIds} not settled yet, on {@code client} (a pool, or a transaction's connection). */
    public Uni<Void> settle(SqlClient client, UUID... jobIds) {
        return client.preparedQuery(settle).execute(Tuple.of(jobIds, upgrades.interval().toMillis() / 1000.0,
                upgrades.enabled(), upgrades.scoreBelow())).replaceWithVoid();
    }
}
