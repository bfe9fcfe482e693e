package dev.subtitles.common.testing;

import org.flywaydb.core.Flyway;

import dev.subtitles.common.schema.Schema;

/**
 * Migrates schemas of a test database with the migrations on the test class path ({@code db/<schema>}, which each
 * module's pom takes from the migrations module), as the migrations program does, for tests that run a packaged
 * service: a service does not migrate, and is not ready until its schemas are current.
 */
public final class TestSchemas {

    private TestSchemas() {
    }

    /** Brings {@code schemas} of the database at {@code jdbcUrl} (user postgres, trust) to their latest version. */
    public static void migrate(String jdbcUrl, Schema... schemas) {
        for (Schema schema : schemas) {
            Flyway.configure()
                    .dataSource(jdbcUrl, "postgres", "")
                    .schemas(schema.schemaName())
                    .createSchemas(true)
                    .locations("classpath:db/" + schema.schemaName())
                    .load()
                    .migrate();
        }
    }
}
