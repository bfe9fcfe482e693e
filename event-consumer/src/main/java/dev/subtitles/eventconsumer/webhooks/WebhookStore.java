package dev.subtitles.eventconsumer.webhooks;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The deliveries in PostgreSQL ({@code manager.webhook_delivery}, one row per hook and event) and their attempts
 * ({@code manager.webhook_attempt}), on a pool of their own (datasource {@value #DATASOURCE}), so that deliveries never
 * wait for a connection the projection holds, nor the projection for one they hold. Every statement is one round
 * trip; times are PostgreSQL's clock, so several instances agree on what is due.
 */
@ApplicationScoped
public class WebhookStore {

    /** The name of the datasource whose pool the webhooks use. */
    public static final String DATASOURCE = "webhooks";

    /**
     * Queues the event for each hook that still exists and is enabled; an event queued for a hook before (a
     * redelivered message) is left as it is, so each hook gets each event once.
     */
    private static final String ENQUEUE = """
            insert into manager.webhook_delivery (hook_id, event_id, event_type, body, next_attempt_at, created_at)
            select w.id, $2::uuid, $3::text, $4::bytea, now(), now()
            from unnest($1::uuid[]) as h(id) join manager.webhook w on w.id = h.id and w.enabled
            on conflict (hook_id, event_id) do nothing""";

    /**
     * Takes up to $1 due deliveries for an attempt each, earliest due first, leasing them for $2 ms: for each enabled
     * hook at most $3 attempts in progress, counting those other instances hold. The update checks the lease again,
     * so of two instances claiming at once only one gets a delivery.
     */
    private static final String CLAIM = """
            with picked as (
                select d.hook_id, d.event_id
                from manager.webhook h
                cross join lateral (
                    select count(*) as n from manager.webhook_delivery b
                    where b.hook_id = h.id and b.state = 'pending' and b.lease_until > now()
                ) busy
                cross join lateral (
                    select p.hook_id, p.event_id, p.next_attempt_at from manager.webhook_delivery p
                    where p.hook_id = h.id and p.state = 'pending' and p.next_attempt_at <= now()
                        and p.lease_until <= now()
                    order by p.next_attempt_at
                    limit greatest($3::int - busy.n, 0)
                ) d
                where h.enabled
                order by d.next_attempt_at
                limit $1::int
            )
            update manager.webhook_delivery d
            set lease_until = now() + $2::bigint * interval '1 millisecond', attempts = d.attempts + 1
            from picked, manager.webhook h
            where d.hook_id = picked.hook_id and d.event_id = picked.event_id and h.id = d.hook_id
                and d.state = 'pending' and d.lease_until <= now()
            returning d.hook_id, d.event_id, d.event_type, d.body, d.attempts, h.url, h.secret""";

    /** Marks the delivery delivered, logs the attempt and records the hook's success. */
    private static final String DELIVERED = """
            with delivery as (
                update manager.webhook_delivery set state = 'delivered', finished_at = now(), lease_until = '-infinity'
                where hook_id = $1 and event_id = $2 and state = 'pending'
            ), attempt as (
                insert into manager.webhook_attempt
                    (hook_id, event_id, event_type, attempt, attempted_at, succeeded, status_code, error, latency_ms)
                select $1::uuid, $2::uuid, $3::text, $4::int, now(), true, $5::int, null, $6::int
                where exists (select 1 from manager.webhook where id = $1)
            )
            update manager.webhook set failing_since = null, last_success_at = now() where id = $1""";

    /**
     * Schedules the delivery's next attempt in $7 ms, logs the attempt and records the hook's failure; answers the
     * hook's first failure since its last success, and whether it is still enabled.
     */
    private static final String FAILED = """
            with delivery as (
                update manager.webhook_delivery
                set next_attempt_at = now() + $7::bigint * interval '1 millisecond', lease_until = '-infinity'
                where hook_id = $1 and event_id = $2 and state = 'pending'
            ), attempt as (
                insert into manager.webhook_attempt
                    (hook_id, event_id, event_type, attempt, attempted_at, succeeded, status_code, error, latency_ms)
                select $1::uuid, $2::uuid, $3::text, $4::int, now(), false, $5::int, $6::text, $8::int
                where exists (select 1 from manager.webhook where id = $1)
            )
            update manager.webhook set failing_since = coalesce(failing_since, now()) where id = $1
            returning failing_since, enabled, failing_since <= now() - $9::bigint * interval '1 millisecond' as overdue""";

    /** Disables the hook with the reason and abandons its pending deliveries; answers whether it did. */
    private static final String DISABLE = """
            with hook as (
                update manager.webhook set enabled = false, disabled_at = now(), disabled_reason = $2
                where id = $1 and enabled
                returning id
            ), abandoned as (
                update manager.webhook_delivery set state = 'abandoned', finished_at = now(), lease_until = '-infinity'
                where hook_id in (select id from hook) and state = 'pending'
            )
            select count(*) as disabled from hook""";

    private static final String PRUNE_DELIVERIES = """
            delete from manager.webhook_delivery
            where state <> 'pending' and finished_at < now() - $1::bigint * interval '1 millisecond'""";
    private static final String PRUNE_ATTEMPTS = """
            delete from manager.webhook_attempt where attempted_at < now() - $1::bigint * interval '1 millisecond'""";

    private final Pool pool;

    public WebhookStore(@ReactiveDataSource(DATASOURCE) Pool pool) {
        this.pool = pool;
    }

    /** Queues the event (its CloudEvent {@code body}) for the hooks; how many deliveries it added. */
    Uni<Integer> enqueue(List<UUID> hooks, UUID eventId, String eventType, byte[] body) {
        return pool.preparedQuery(ENQUEUE)
                .execute(Tuple.of(hooks.toArray(UUID[]::new), eventId, eventType, Buffer.buffer(body)))
                .map(rows -> rows.rowCount());
    }

    /**
     * Up to {@code limit} due deliveries, each held by this instance for {@code lease}, at most
     * {@code perHook} at once per hook.
     */
    Uni<List<ClaimedDelivery>> claim(int limit, Duration lease, int perHook) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(limit, lease.toMillis(), perHook)).map(rows -> {
            List<ClaimedDelivery> claimed = new ArrayList<>(rows.rowCount());
            for (Row row : rows) {
                claimed.add(new ClaimedDelivery(row.getUUID("hook_id"), row.getUUID("event_id"),
                        row.getString("event_type"), row.getBuffer("body").getBytes(), row.getInteger("attempts"),
                        row.getString("url"), row.getString("secret")));
            }
            return claimed;
        });
    }

    /** Records the delivery as delivered by {@code result}. */
    Uni<Void> delivered(ClaimedDelivery delivery, AttemptResult result) {
        return pool.preparedQuery(DELIVERED).execute(Tuple.from(List.of(delivery.hookId(), delivery.eventId(),
                delivery.eventType(), delivery.attempt(), result.statusCode(), (int) result.latencyMillis())))
                .replaceWithVoid();
    }

    /**
     * Records the failed attempt and schedules the next in {@code retryIn}; the item is the hook's failing streak,
     * or {@code null} when the hook is gone.
     */
    Uni<FailingStreak> failed(ClaimedDelivery delivery, AttemptResult result, Duration retryIn,
            Duration disableAfter) {
        List<Object> values = new ArrayList<>();
        values.add(delivery.hookId());
        values.add(delivery.eventId());
        values.add(delivery.eventType());
        values.add(delivery.attempt());
        values.add(result.statusCode());
        values.add(result.error());
        values.add(retryIn.toMillis());
        values.add((int) result.latencyMillis());
        values.add(disableAfter.toMillis());
        return pool.preparedQuery(FAILED).execute(Tuple.from(values)).map(rows -> {
            if (rows.rowCount() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new FailingStreak(row.getOffsetDateTime("failing_since"), row.getBoolean("enabled"),
                    row.getBoolean("overdue"));
        });
    }

    /** Disables the hook with {@code reason}; the item says whether this call disabled it. */
    Uni<Boolean> disable(UUID hookId, String reason) {
        return pool.preparedQuery(DISABLE).execute(Tuple.of(hookId, reason))
                .map(rows -> rows.iterator().next().getLong("disabled") > 0);
    }

    /** Deletes finished deliveries and attempts older than {@code age}; how many rows went. */
    Uni<Integer> prune(Duration age) {
        Tuple tuple = Tuple.of(age.toMillis());
        return pool.preparedQuery(PRUNE_DELIVERIES).execute(tuple).map(rows -> rows.rowCount())
                .flatMap(deliveries -> pool.preparedQuery(PRUNE_ATTEMPTS).execute(tuple)
                        .map(rows -> deliveries + rows.rowCount()));
    }

    /**
     * A hook's unbroken run of failures.
     *
     * @param since its first failure after its last success
     * @param enabled whether the hook is enabled
     * @param overdue whether {@code since} lies at least {@code webhooks.disable-after} back
     */
    record FailingStreak(OffsetDateTime since, boolean enabled, boolean overdue) {
    }
}
