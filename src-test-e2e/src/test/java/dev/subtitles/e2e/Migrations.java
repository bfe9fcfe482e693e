package dev.subtitles.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.subtitles.common.testing.LocalServerUsers;

/**
 * The packaged migrations program ({@code migrations/target/quarkus-app}), run as an operator runs it before the
 * services start: to completion, once per database in this test run, output in {@code target/e2e-logs/migrations.log}.
 */
final class Migrations {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Set<String> MIGRATED = ConcurrentHashMap.newKeySet();

    private Migrations() {
    }

    /** Migrates the database {@code environment} names ({@code DB_HOST}, {@code DB_PORT}, {@code DB_NAME}). */
    static synchronized void apply(Path root, Map<String, String> environment)
            throws IOException, InterruptedException {
        String database = environment.getOrDefault("DB_HOST", "localhost") + ":"
                + environment.getOrDefault("DB_PORT", "5432") + "/" + environment.getOrDefault("DB_NAME", "subtitles");
        if (MIGRATED.contains(database)) {
            return;
        }
        Path jar = root.resolve("migrations/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the modules first (./mvnw -B verify)");
        }
        Path logs = root.resolve("src-test-e2e/target/e2e-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve("migrations.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("e2e.javaHome", System.getProperty("java.home")), "bin", "java").toString(),
                "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(LocalServerUsers.ENVIRONMENT);
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the migrations of " + database + " did not end within " + TIMEOUT
                    + ", see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("the migrations of " + database + " exited with " + process.exitValue()
                    + ", see " + log);
        }
        MIGRATED.add(database);
    }
}
