package dev.subtitles.common.schema;

import java.util.Arrays;
import java.util.Locale;

/**
 * The schemas of the pipeline's database, each with the version this build needs: the number of its latest migration
 * in the {@code migrations} module ({@code db/<schema>/V<version>__*.sql}, which {@code SchemaTest} keeps in step).
 * The services do not migrate; {@link SchemaReadiness} holds them back until the schemas they use are this recent.
 */
public enum Schema {

    MANAGER(8),
    SUBTITLES(4),
    EVENTS(2);

    private final int version;

    Schema(int version) {
        this.version = version;
    }

    /** The schema's name in the database. */
    public String schemaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The latest migration of the schema, which this build needs applied. */
    public int version() {
        return version;
    }

    /** The schema named {@code name} (as in the database). */
    public static Schema named(String name) {
        return Arrays.stream(values()).filter(schema -> schema.schemaName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no schema '" + name + "'; the schemas are "
                        + Arrays.stream(values()).map(Schema::schemaName).toList()));
    }
}
