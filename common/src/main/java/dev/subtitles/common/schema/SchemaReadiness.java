package dev.subtitles.common.schema;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgException;

/**
 * Readiness of the database's schemas: DOWN until every schema the service uses ({@link SchemaSettings}) has at least
 * the version this build needs ({@link Schema#version()}). The services do not migrate; the {@code migrations}
 * program does, before a release's services start. Until it has, a service says which schema is behind and what to
 * run, instead of failing every job on a missing table or column. Once the schemas were found current the check
 * answers without asking again: migrations only ever add.
 */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements AsyncHealthCheck {

    static final String NAME = "database schemas";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final String UNDEFINED_TABLE = "42P01";

    private final Pool pool;
    private final List<Schema> required;
    private volatile boolean current;

    public SchemaReadiness(Pool pool, SchemaSettings settings) {
        this.pool = pool;
        this.required = settings.required().stream().map(Schema::named).toList();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (current) {
            return Uni.createFrom().item(HealthCheckResponse.up(NAME));
        }
        return Uni.join().all(required.stream().map(this::problemOf).toList()).andFailFast()
                .map(problems -> problems.stream().filter(problem -> !problem.isEmpty()).toList())
                .map(problems -> {
                    if (problems.isEmpty()) {
                        current = true;
                        return HealthCheckResponse.up(NAME);
                    }
                    return HealthCheckResponse.named(NAME).down().withData("problem", String.join("; ", problems))
                            .build();
                });
    }

    /** What keeps {@code schema} from being current, or an empty string when nothing does. */
    private Uni<String> problemOf(Schema schema) {
        return pool.query("select coalesce(max(version::int), 0) as version from " + schema.schemaName()
                + ".flyway_schema_history where success and version is not null").execute()
                .ifNoItem().after(TIMEOUT).fail()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return describe(schema, row.getInteger("version"));
                })
                .onFailure().recoverWithItem(failure -> isUndefinedTable(failure)
                        ? describe(schema, 0)
                        : "cannot read the version of schema " + schema.schemaName() + ": " + failure.getMessage());
    }

    /** The problem of {@code schema} at version {@code found} (0: never migrated), empty when there is none. */
    static String describe(Schema schema, int found) {
        if (found >= schema.version()) {
            return "";
        }
        return "schema " + schema.schemaName() + " is at version " + found + ", this build needs "
                + schema.version() + ": run the migrations (docs/operations.md, \"Migrations\")";
    }

    private static boolean isUndefinedTable(Throwable failure) {
        return failure instanceof PgException pg && UNDEFINED_TABLE.equals(pg.getSqlState());
    }
}
