package dev.subtitles.manager.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The event-consumer's durable event log ({@code <schema>.job_event}) in a schema of the caller's own (on the test
 * database unless told otherwise), created with the event-consumer's DDL, so a test run or a benchmark reads a log
 * nobody else writes.
 */
public final class EventLogTable {

    private EventLogTable() {
    }

    /** Creates {@code schema} with an empty {@code job_event} table on the test database. */
    public static void create(String schema) {
        create(TestInfrastructure.JDBC_URL, schema);
    }

    /** Creates {@code schema} with an empty {@code job_event} table on the database at {@code jdbcUrl}. */
    public static void create(String jdbcUrl, String schema) {
        execute(jdbcUrl, "create schema " + schema);
        execute(jdbcUrl, "create table " + schema + ".job_event (event_id uuid primary key, job_id uuid not null,"
                + " seq bigint not null, type text not null, source text not null, event_time timestamptz not null,"
                + " recorded_at timestamptz not null default now(), cloud_event jsonb not null,"
                + " constraint job_event_job_seq_key unique (job_id, seq))");
    }

    /** Drops {@code schema} and its table from the test database. */
    public static void drop(String schema) {
        execute(TestInfrastructure.JDBC_URL, "drop schema if exists " + schema + " cascade");
    }

    /** Runs one statement on the database at {@code jdbcUrl}. */
    public static void execute(String jdbcUrl, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }
}
