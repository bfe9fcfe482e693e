package dev.subtitles.e2e.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The servers' own counts of the work they did between two {@link Snapshot}s, for round trips per job:
 * PostgreSQL's transactions and rows of the run's database ({@code pg_stat_database}, {@code pg_stat_user_tables}),
 * the cluster's write-ahead log ({@code pg_stat_wal}), each statement's calls when {@code pg_stat_statements} is
 * preloaded on the server, and Redis's calls per command ({@code INFO commandstats}, server-wide).
 * <p>
 * PostgreSQL publishes a backend's counts up to a second after its transactions; the snapshots are taken with that
 * in mind (after the warm-up has ended, and a settling pause after the run).
 */
final class ServerCounters {

    private static final String STATEMENTS = "pg_stat_statements";

    private final String jdbcUrl;
    private final boolean statements;

    private ServerCounters(String jdbcUrl, boolean statements) {
        this.jdbcUrl = jdbcUrl;
        this.statements = statements;
    }

    /** Counters of {@code database}; statement counts when the server preloads {@code pg_stat_statements}. */
    static ServerCounters of(String database) {
        String url = "jdbc:postgresql://localhost:5432/" + database;
        boolean statements;
        try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists " + STATEMENTS);
            statement.executeQuery("select 1 from " + STATEMENTS + " limit 1").close();
            statements = true;
        } catch (SQLException notPreloaded) {
            statements = false;
        }
        return new ServerCounters(url, statements);
    }

    Snapshot snapshot() throws IOException, InterruptedException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = connect(jdbcUrl); Statement statement = connection.createStatement()) {
            statement.execute("select pg_stat_clear_snapshot()");
            read(statement, "select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_fetched"
                    + " from pg_stat_database where datname = current_database()", "postgres ", counts);
            read(statement, "select wal_records, wal_fpi, wal_bytes, wal_write, wal_sync from pg_stat_wal",
                    "postgres cluster ", counts);
            try (ResultSet tables = statement.executeQuery("select schemaname || '.' || relname, n_tup_ins,"
                    + " n_tup_upd, n_tup_del, coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)"
                    + " from pg_stat_user_tables")) {
                while (tables.next()) {
                    String table = tables.getString(1);
                    counts.put("rows inserted " + table, tables.getLong(2));
                    counts.put("rows updated " + table, tables.getLong(3));
                    counts.put("rows deleted " + table, tables.getLong(4));
                    counts.put("rows read " + table, tables.getLong(5));
                }
            }
            if (statements) {
                try (ResultSet calls = statement.executeQuery("select left(regexp_replace(query, '\\s+', ' ', 'g'),"
                        + " 110), calls from " + STATEMENTS + " where dbid = (select oid from pg_database where"
                        + " datname = current_database())")) {
                    while (calls.next()) {
                        counts.merge("statement " + calls.getString(1), calls.getLong(2), Long::sum);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read PostgreSQL's statistics: " + e.getMessage(), e);
        }
        counts.putAll(redisCommandCalls());
        return new Snapshot(counts);
    }

    private static void read(Statement statement, String sql, String prefix, Map<String, Long> counts)
            throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            if (row.next()) {
                for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                    counts.put(prefix + row.getMetaData().getColumnName(column), row.getLong(column));
                }
            }
        }
    }

    /** {@code cmdstat_evalsha:calls=12,usec=...} lines of {@code INFO commandstats}, as {@code redis evalsha}. */
    private static Map<String, Long> redisCommandCalls() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of("redis-cli", "INFO", "commandstats")).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("redis-cli INFO commandstats failed: " + output);
        }
        Map<String, Long> calls = new TreeMap<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith("cmdstat_")) {
                String command = line.substring("cmdstat_".length(), line.indexOf(':'));
                String field = line.substring(line.indexOf("calls=") + "calls=".length());
                calls.put("redis " + command, Long.parseLong(field.substring(0, field.indexOf(','))));
            }
        }
        return calls;
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    /** The counters at one moment. */
    record Snapshot(Map<String, Long> counts) {

        /** What grew since {@code before}, per job; counters that did not grow are left out. */
        String perJob(Snapshot before, int jobs) {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "| %-120s | %10s |%n", "server counter (redis and the WAL:"
                    + " server-wide)", "per job"));
            text.append(String.format(Locale.ROOT, "| %-120s | %10s |%n", "-".repeat(120), "-".repeat(10)));
            counts.forEach((name, value) -> {
                long grown = value - before.counts().getOrDefault(name, 0L);
                if (grown > 0) {
                    text.append(String.format(Locale.ROOT, "| %-120s | %10.2f |%n", name,
                            grown / (double) Math.max(1, jobs)));
                }
            });
            return text.toString();
        }
    }
}
