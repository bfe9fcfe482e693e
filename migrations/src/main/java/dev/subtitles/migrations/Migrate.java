package dev.subtitles.migrations;

import java.util.LinkedHashMap;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Brings each schema of the pipeline's database to the latest version this release ships, then exits: 0 when every
 * schema is there, 1 with the reason otherwise. Run it before the services of a release start (they only check that
 * their schemas are recent enough, {@code SchemaReadiness} in {@code common}); running it again, or two of it at
 * once, is harmless: Flyway applies each migration once, under a lock in the database.
 */
@QuarkusMain
public class Migrate implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(Migrate.class);

    private final Map<String, Flyway> schemas = new LinkedHashMap<>();

    public Migrate(@FlywayDataSource("manager") Flyway manager, @FlywayDataSource("subtitles") Flyway subtitles,
            @FlywayDataSource("events") Flyway events) {
        schemas.put("manager", manager);
        schemas.put("subtitles", subtitles);
        schemas.put("events", events);
    }

    @Override
    public int run(String... args) {
        for (Map.Entry<String, Flyway> schema : schemas.entrySet()) {
            try {
                MigrateResult result = schema.getValue().migrate();
                LOG.infof("schema %s: %d migration(s) applied, now at version %s", schema.getKey(),
                        result.migrationsExecuted, result.targetSchemaVersion != null ? result.targetSchemaVersion
                                : schema.getValue().info().current().getVersion());
            } catch (FlywayException e) {
                LOG.errorf("schema %s could not be migrated: %s", schema.getKey(), e.getMessage());
                return 1;
            }
        }
        return 0;
    }
}
