package dev.subtitles.downloader;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import dev.subtitles.common.schema.Schema;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The downloader on a database nobody migrated: not ready, saying which schema is behind and what to run, until the
 * migrations are applied; then ready without a restart.
 */
@QuarkusTest
@TestProfile(SchemaReadinessTest.UnmigratedDatabase.class)
class SchemaReadinessTest {

    private static final String DATABASE = "subtitles_test_unmigrated_" + ProcessHandle.current().pid();
    private static final String SERVER = "jdbc:postgresql://localhost:5432/postgres";
    private static final String URL = "jdbc:postgresql://localhost:5432/" + DATABASE;

    public static class UnmigratedDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnDatabase.class));
        }
    }

    public static class OwnDatabase implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            execute("create database " + DATABASE);
            return Map.of("quarkus.datasource.reactive.url", "postgresql://localhost:5432/" + DATABASE,
                    "quarkus.datasource.jdbc.url", URL,
                    "quarkus.flyway.migrate-at-start", "false");
        }

        @Override
        public void stop() {
            execute("drop database if exists " + DATABASE + " with (force)");
        }
    }

    @Test
    void notReadyUntilTheSchemaIsMigratedThenReady() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'database schemas' }.status", is("DOWN"))
                .body("checks.find { it.name == 'database schemas' }.data.problem",
                        is("schema subtitles is at version 0, this build needs " + Schema.SUBTITLES.version()
                                + ": run the migrations (docs/operations.md, \"Migrations\")"));

        Flyway.configure().dataSource(URL, "postgres", "").schemas("subtitles").createSchemas(true)
                .locations("classpath:db/subtitles").load().migrate();

        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("database schemas"))
                .body("checks.find { it.name == 'database schemas' }.status", is("UP"));
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }
}
