package dev.subtitles.manager.hooks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the event-consumer's delivery writes about a hook (docs/webhooks.md), written here over JDBC so that the API's
 * reading of it can be tested without one; and the clean-up of a test's hooks.
 */
final class HookRows {

    private HookRows() {
    }

    /** Logs an attempt to post event {@code eventId} to the hook. */
    static void attempt(UUID hook, UUID eventId, int attempt, Integer statusCode, String error, int latencyMillis) {
        update("""
                insert into manager.webhook_attempt
                    (hook_id, event_id, event_type, attempt, attempted_at, succeeded, status_code, error, latency_ms)
                values (?, ?, 'subtitle.ready', ?, now(), ?, ?, ?, ?)""", hook, eventId, attempt, error == null,
                statusCode, error, latencyMillis);
    }

    /** Disables the hook with {@code reason} after a day of failures. */
    static void disable(UUID hook, String reason) {
        update("""
                update manager.webhook set enabled = false, disabled_at = now(), disabled_reason = ?,
                    failing_since = now() - interval '1 day'
                where id = ?""", reason, hook);
    }

    /** Deletes the tenant's hooks, with their deliveries and attempts. */
    static void deleteHooksOf(String tenant) {
        update("delete from manager.webhook where tenant = ?", tenant);
    }

    private static void update(String sql, Object... values) {
        Config config = ConfigProvider.getConfig();
        try (Connection connection = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }
}
