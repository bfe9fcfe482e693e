package dev.subtitles.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** The migrations program against a database of its own on the local PostgreSQL, made afresh for each test. */
@QuarkusMainTest
@TestProfile(MigrateTest.OwnDatabase.class)
class MigrateTest {

    private static final String DATABASE = "subtitles_test_migrations_" + ProcessHandle.current().pid();
    private static final String SERVER = "jdbc:postgresql://localhost:5432/postgres";
    private static final String URL = "jdbc:postgresql://localhost:5432/" + DATABASE;
    private static final List<String> SCHEMAS = List.of("manager", "subtitles", "events");

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("db.url", URL);
        }
    }

    @BeforeEach
    void freshDatabase() throws SQLException {
        execute(SERVER, "drop database if exists " + DATABASE + " with (force)");
        execute(SERVER, "create database " + DATABASE);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        execute(SERVER, "drop database if exists " + DATABASE + " with (force)");
    }

    @Test
    void bringsEverySchemaToItsLatestMigrationAndExitsZero(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch();

        assertThat(result.exitCode()).as(result.getOutput()).isZero();
        for (String schema : SCHEMAS) {
            int latest = latestScript(schema);
            assertThat(appliedVersion(schema)).as(schema).isEqualTo(latest);
            assertThat(result.getOutput()).contains("schema " + schema + ": " + scriptCount(schema)
                    + " migration(s) applied, now at version " + latest);
        }
    }

    @Test
    void runAgainAppliesNothing(QuarkusMainLauncher launcher) throws Exception {
        assertThat(launcher.launch().exitCode()).isZero();

        LaunchResult again = launcher.launch();

        assertThat(again.exitCode()).as(again.getOutput()).isZero();
        for (String schema : SCHEMAS) {
            assertThat(again.getOutput()).contains("schema " + schema + ": 0 migration(s) applied, now at version "
                    + latestScript(schema));
        }
    }

    @Test
    void refusesADatabaseMigratedByANewerReleaseAndExitsNonZero(QuarkusMainLauncher launcher) throws Exception {
        assertThat(launcher.launch().exitCode()).isZero();
        execute(URL, "insert into manager.flyway_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, execution_time, success) values (1000, '1000', 'from a newer release',"
                + " 'SQL', 'V1000__from_a_newer_release.sql', 0, 'test', 0, true)");

        LaunchResult result = launcher.launch();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.getOutput() + result.getErrorOutput()).contains("schema manager could not be migrated")
                .contains("1000");
    }

    private static int appliedVersion(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select max(version::int) from " + schema
                        + ".flyway_schema_history where success")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static int latestScript(String schema) throws IOException {
        return scripts(schema).stream().mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                .max().orElseThrow();
    }

    private static long scriptCount(String schema) throws IOException {
        return scripts(schema).size();
    }

    private static List<String> scripts(String schema) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db", schema))) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
