package dev.subtitles.manager.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.subtitles.common.schema.Schema;
import dev.subtitles.common.testing.TestSchemas;
import dev.subtitles.manager.support.EventLogTable;
import dev.subtitles.manager.support.TestInfrastructure;

/**
 * A database of the benchmark's own on the shared PostgreSQL server, dropped on close. Not a schema in
 * {@code subtitles_test}: the manager's tables are in the fixed schema {@code manager}, and every manager started
 * by a test run on {@code subtitles_test} relays unsent rows of {@code manager.outbox} (competing relays, by
 * design), so a benchmark there would publish other runs' events to its exchange and lose its own to theirs.
 */
final class BenchDatabase implements AutoCloseable {

    private final String name;

    /** Creates database {@code name}, migrated for the manager, with an empty event log in schema {@code events}. */
    BenchDatabase(String name) {
        this.name = name;
        EventLogTable.execute(TestInfrastructure.JDBC_URL, "create database " + name);
        TestSchemas.migrate(jdbcUrl(), Schema.MANAGER, Schema.SUBTITLES);
        EventLogTable.create(jdbcUrl(), "events");
    }

    String name() {
        return name;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:5432/" + name;
    }

    /** Outbox rows the relay has not published yet. */
    long unsentEvents() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
                PreparedStatement query = connection
                        .prepareStatement("select count(*) from manager.outbox where sent_at is null");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Override
    public void close() {
        EventLogTable.execute(TestInfrastructure.JDBC_URL, "drop database if exists " + name + " with (force)");
    }
}
