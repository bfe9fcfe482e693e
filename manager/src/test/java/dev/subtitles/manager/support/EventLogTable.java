package dev.subtitles.manager.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;

/**
 * The event-consumer's durable event log ({@code <schema>.job_event}) in a schema of the caller's own, migrated with
 * the event-consumer's own migrations ({@code db/events} of the {@code migrations} module), so a test run or a benchmark reads
 * a log
 * of the real shape that nobody else writes.
 */
public final class EventLogTable {

    private EventLogTable() {
    }

    /** Creates {@code schema} on the database at {@code jdbcUrl} and migrates the event log into it. */
    public static void create(String jdbcUrl, String schema) {
        Flyway.configure()
                .dataSource(jdbcUrl, "postgres", "postgres")
                .schemas(schema)
                .createSchemas(true)
                .locations("classpath:db/events")
                .load()
                .migrate();
    }

    /** Drops {@code schema} and its tables from the test database. */
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
