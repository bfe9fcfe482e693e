package dev.subtitles.manager.hooks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The hooks in {@code manager.webhook} and their attempts in {@code manager.webhook_attempt}, always reached through
 * their tenant: another tenant's hook is not found. Plain queries on the reactive pool, one round trip each.
 */
@ApplicationScoped
public class HookRepository {

    private static final String COLUMNS = "id, url, event_types, description, created_at, enabled, disabled_at,"
            + " disabled_reason, failing_since, last_success_at";
    /** Inserts the hook unless the tenant has {@code $8} hooks already; no row when it has. */
    private static final String INSERT = """
            insert into manager.webhook (id, tenant, url, event_types, description, secret, created_at)
            select $1::uuid, $2::text, $3::text, $4::text[], $5::text, $6::text, $7::timestamptz
            where (select count(*) from manager.webhook where tenant = $2) < $8::int
            returning\s""" + COLUMNS;
    private static final String LIST = "select " + COLUMNS
            + " from manager.webhook where tenant = $1 order by created_at, id";
    private static final String FIND = "select " + COLUMNS + " from manager.webhook where id = $1 and tenant = $2";
    private static final String DELETE = "delete from manager.webhook where id = $1 and tenant = $2";
    private static final String ENABLE = """
            update manager.webhook
            set enabled = true, disabled_at = null, disabled_reason = null, failing_since = null
            where id = $1 and tenant = $2
            returning\s""" + COLUMNS;
    private static final String ATTEMPTS = """
            select event_id, event_type, attempt, succeeded, status_code, error, latency_ms, attempted_at
            from manager.webhook_attempt where hook_id = $1 order by id desc limit $2::int""";

    private final Pool pool;

    public HookRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the new hook of {@code tenant}; {@code null} when the tenant has {@code max} hooks already. */
    Uni<HookView> insert(String tenant, HookView hook, String secret, int max) {
        Tuple values = Tuple.of(hook.id(), tenant, hook.url(), hook.eventTypes().toArray(String[]::new))
                .addString(hook.description()).addString(secret)
                .addOffsetDateTime(OffsetDateTime.ofInstant(hook.createdAt(), ZoneOffset.UTC))
                .addInteger(max);
        return pool.preparedQuery(INSERT).execute(values).map(HookRepository::first);
    }

    /** The hooks of {@code tenant}, oldest first. */
    Uni<List<HookView>> list(String tenant) {
        return pool.preparedQuery(LIST).execute(Tuple.of(tenant)).map(rows -> {
            List<HookView> hooks = new ArrayList<>(rows.rowCount());
            rows.forEach(row -> hooks.add(hook(row)));
            return hooks;
        });
    }

    /** The hook {@code id} of {@code tenant}, or {@code null}. */
    Uni<HookView> find(String tenant, UUID id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id, tenant)).map(HookRepository::first);
    }

    /** Deletes the hook {@code id} of {@code tenant} with its deliveries and attempts; whether there was one. */
    Uni<Boolean> delete(String tenant, UUID id) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(id, tenant)).map(rows -> rows.rowCount() == 1);
    }

    /** Enables the hook {@code id} of {@code tenant} and clears its failures; the hook, or {@code null}. */
    Uni<HookView> enable(String tenant, UUID id) {
        return pool.preparedQuery(ENABLE).execute(Tuple.of(id, tenant)).map(HookRepository::first);
    }

    /** The latest {@code limit} attempts of the hook {@code id}, newest first; its tenant is the caller's concern. */
    Uni<List<DeliveryAttempt>> attempts(UUID id, int limit) {
        return pool.preparedQuery(ATTEMPTS).execute(Tuple.of(id, limit)).map(rows -> {
            List<DeliveryAttempt> attempts = new ArrayList<>(rows.rowCount());
            for (Row row : rows) {
                attempts.add(new DeliveryAttempt(row.getUUID("event_id"), row.getString("event_type"),
                        row.getInteger("attempt"), row.getBoolean("succeeded") ? "delivered" : "failed",
                        row.getInteger("status_code"), row.getString("error"), row.getInteger("latency_ms"),
                        instant(row, "attempted_at")));
            }
            return attempts;
        });
    }

    private static HookView first(RowSet<Row> rows) {
        return rows.rowCount() == 0 ? null : hook(rows.iterator().next());
    }

    private static HookView hook(Row row) {
        return new HookView(row.getUUID("id"), row.getString("url"), List.of(row.getArrayOfStrings("event_types")),
                row.getString("description"), instant(row, "created_at"), row.getBoolean("enabled"),
                instant(row, "disabled_at"), row.getString("disabled_reason"), instant(row, "failing_since"),
                instant(row, "last_success_at"), null);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}
