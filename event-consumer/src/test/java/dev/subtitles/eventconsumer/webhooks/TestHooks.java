package dev.subtitles.eventconsumer.webhooks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Hooks registered the way the manager's API stores them ({@code manager.webhook}), and what the delivery wrote about
 * them, over JDBC; every hook a test registered is deleted with its deliveries and attempts afterwards.
 */
final class TestHooks implements AutoCloseable {

    private final List<UUID> registered = new ArrayList<>();

    /** Registers a hook of {@code tenant} for {@code url} wanting {@code eventTypes}; its id. */
    UUID register(String tenant, String url, String secret, String... eventTypes) {
        UUID id = UUID.randomUUID();
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into manager.webhook (id, tenant, url, event_types, secret, created_at)
                        values (?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, id);
            insert.setString(2, tenant);
            insert.setString(3, url);
            insert.setArray(4, connection.createArrayOf("text", eventTypes));
            insert.setString(5, secret);
            insert.setTimestamp(6, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register a hook", e);
        }
        registered.add(id);
        return id;
    }

    /** The hook's state as the manager's API shows it. */
    HookState state(UUID hook) {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement("""
                        select enabled, disabled_reason, failing_since, last_success_at from manager.webhook
                        where id = ?""")) {
            select.setObject(1, hook);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new HookState(row.getBoolean("enabled"), row.getString("disabled_reason"),
                        row.getTimestamp("failing_since") != null, row.getTimestamp("last_success_at") != null);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read hook " + hook, e);
        }
    }

    /** The state of each delivery of the hook, in the order the events were queued. */
    List<String> deliveryStates(UUID hook) {
        List<String> states = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(
                        "select state from manager.webhook_delivery where hook_id = ? order by created_at, event_id")) {
            select.setObject(1, hook);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    states.add(rows.getString("state"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the deliveries of hook " + hook, e);
        }
        return states;
    }

    /** The attempts logged for the hook, oldest first. */
    List<Attempt> attempts(UUID hook) {
        List<Attempt> attempts = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement("""
                        select event_id, attempt, succeeded, status_code, error, latency_ms
                        from manager.webhook_attempt where hook_id = ? order by id""")) {
            select.setObject(1, hook);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attempts.add(new Attempt(rows.getObject("event_id", UUID.class), rows.getInt("attempt"),
                            rows.getBoolean("succeeded"), (Integer) rows.getObject("status_code"),
                            rows.getString("error"), rows.getInt("latency_ms")));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the attempts of hook " + hook, e);
        }
        return attempts;
    }

    @Override
    public void close() {
        try (Connection connection = connect();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from manager.webhook where id = any(?)")) {
            Array ids = connection.createArrayOf("uuid", registered.toArray());
            delete.setArray(1, ids);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete the test hooks", e);
        }
    }

    private static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    record HookState(boolean enabled, String disabledReason, boolean failing, boolean everDelivered) {
    }

    record Attempt(UUID eventId, int attempt, boolean succeeded, Integer statusCode, String error, int latencyMillis) {
    }
}
