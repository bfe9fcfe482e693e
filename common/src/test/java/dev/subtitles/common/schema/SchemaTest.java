package dev.subtitles.common.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaTest {

    /** The migrations module's scripts, beside this module in the reactor. */
    private static final Path MIGRATIONS = Path.of("../migrations/src/main/resources/db");
    private static final Pattern SCRIPT = Pattern.compile("V([1-9][0-9]*)__[a-z0-9_]+\\.sql");

    @ParameterizedTest
    @EnumSource(Schema.class)
    void needsTheLatestMigrationOfItsSchema(Schema schema) throws IOException {
        List<String> scripts = scripts(schema);

        assertThat(scripts).isNotEmpty().allMatch(name -> SCRIPT.matcher(name).matches(),
                "named V<whole number>__<words>.sql (SchemaReadiness compares versions as numbers)");
        int latest = scripts.stream().map(SCRIPT::matcher).filter(Matcher::matches)
                .mapToInt(matcher -> Integer.parseInt(matcher.group(1))).max().orElseThrow();
        assertThat(schema.version()).as("Schema.%s's version: the number of db/%s's latest migration", schema,
                schema.schemaName()).isEqualTo(latest);
    }

    @Test
    void everySchemaDirectoryHasItsEntry() throws IOException {
        try (Stream<Path> directories = Files.list(MIGRATIONS)) {
            assertThat(directories.map(directory -> directory.getFileName().toString()))
                    .containsExactlyInAnyOrder(Stream.of(Schema.values()).map(Schema::schemaName)
                            .toArray(String[]::new));
        }
    }

    @Test
    void isFoundByItsName() {
        assertThat(Schema.named("events")).isEqualTo(Schema.EVENTS);
        assertThatThrownBy(() -> Schema.named("jobs")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no schema 'jobs'").hasMessageContaining("manager");
    }

    @Test
    void describesOnlyASchemaThatIsBehind() {
        assertThat(SchemaReadiness.describe(Schema.SUBTITLES, Schema.SUBTITLES.version())).isEmpty();
        assertThat(SchemaReadiness.describe(Schema.SUBTITLES, Schema.SUBTITLES.version() + 1)).isEmpty();
        assertThat(SchemaReadiness.describe(Schema.MANAGER, 0))
                .isEqualTo("schema manager is at version 0, this build needs " + Schema.MANAGER.version()
                        + ": run the migrations (docs/operations.md, \"Migrations\")");
    }

    private static List<String> scripts(Schema schema) throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS.resolve(schema.schemaName()))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
