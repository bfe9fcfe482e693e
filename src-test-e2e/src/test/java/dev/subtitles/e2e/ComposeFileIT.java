package dev.subtitles.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks {@code docker-compose.yml} with Debian's {@code docker-compose}, which parses and resolves a compose file
 * without a Docker engine (there is none on the build machines). The variables come from an env file made from
 * {@code .env.example} with the credentials filled in, never from a developer's {@code .env} or the environment.
 */
class ComposeFileIT {

    private static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    private static final List<String> CREDENTIALS = List.of("DB_USER", "DB_PASSWORD", "RABBITMQ_USER",
            "RABBITMQ_PASSWORD", "REDIS_PASSWORD");

    @TempDir
    Path directory;

    @Test
    void composeFileIsValid() throws Exception {
        Result result = compose(credentials(), "config", "--quiet");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void composeFileRunsInfrastructureApertiumApyTheMigrationsAndTheFourServices() throws Exception {
        Result result = compose(credentials(), "config", "--services");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().toList()).containsExactlyInAnyOrder("postgres", "redis", "rabbitmq",
                "apertium-apy", "migrations", "event-consumer", "manager", "downloader", "translator");
    }

    @Test
    void everyServiceStartsOnlyOnceTheMigrationsHaveSucceeded() throws Exception {
        Map<String, String> credentials = credentials();

        Result result = compose(credentials, "config");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(service(result, "migrations")).contains("DB_USER: " + credentials.get("DB_USER"))
                .contains("DB_PASSWORD: " + credentials.get("DB_PASSWORD"))
                .containsPattern("depends_on:\\s+postgres:\\s+condition: service_healthy");
        for (String name : List.of("event-consumer", "manager", "downloader", "translator")) {
            assertThat(service(result, name)).as(name)
                    .containsPattern("migrations:\\s+condition: service_completed_successfully");
        }
    }

    @Test
    void translatorTranslatesThroughTheApertiumApyService() throws Exception {
        Result result = compose(credentials(), "config");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(service(result, "translator")).contains("APERTIUM_MODE: apy")
                .contains("APERTIUM_APY_URL: http://apertium-apy:2737")
                .containsPattern("depends_on:\\s+apertium-apy:\\s+condition: service_healthy");
    }

    @ParameterizedTest
    @ValueSource(strings = { "DB_USER", "DB_PASSWORD", "RABBITMQ_USER", "RABBITMQ_PASSWORD", "REDIS_PASSWORD" })
    void composeRefusesToRunWithoutEachCredential(String variable) throws Exception {
        Map<String, String> credentials = credentials();
        credentials.put(variable, "");

        Result result = compose(credentials, "config", "--quiet");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("set " + variable + " in .env");
    }

    @Test
    void everyServerAndServiceTakesTheGivenCredentialsAndNoneIsBuiltIn() throws Exception {
        Map<String, String> credentials = credentials();

        Result result = compose(credentials, "config");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContainIgnoringCase("guest").doesNotContain("POSTGRES_PASSWORD: postgres");
        assertThat(service(result, "postgres")).contains("POSTGRES_USER: " + credentials.get("DB_USER"))
                .contains("POSTGRES_PASSWORD: " + credentials.get("DB_PASSWORD"));
        assertThat(service(result, "rabbitmq")).contains("RABBITMQ_DEFAULT_USER: " + credentials.get("RABBITMQ_USER"))
                .contains("RABBITMQ_DEFAULT_PASS: " + credentials.get("RABBITMQ_PASSWORD"));
        assertThat(service(result, "redis")).contains("--requirepass")
                .contains("REDIS_PASSWORD: " + credentials.get("REDIS_PASSWORD"));
        for (String name : List.of("event-consumer", "manager", "downloader", "translator")) {
            assertThat(service(result, name)).as(name).contains("DB_USER: " + credentials.get("DB_USER"))
                    .contains("DB_PASSWORD: " + credentials.get("DB_PASSWORD"))
                    .contains("RABBITMQ_USER: " + credentials.get("RABBITMQ_USER"))
                    .contains("RABBITMQ_PASSWORD: " + credentials.get("RABBITMQ_PASSWORD"))
                    .contains("REDIS_URL: redis://:" + credentials.get("REDIS_PASSWORD") + "@redis:6379");
        }
    }

    @Test
    void managerAndEventConsumerVerifyTokensWithTheMountedKeyAndAreCheckedOnTheirManagementPort() throws Exception {
        Result result = compose(credentials(), "config");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).containsPattern("(?m)^secrets:\\s+jwt-public-key:\\s+file: \\S+/jwt-public.pem$");
        for (String name : List.of("event-consumer", "manager")) {
            assertThat(service(result, name)).as(name).contains("AUTH: jwt")
                    .contains("AUTH_PUBLIC_KEY: /run/secrets/jwt-public-key").contains("AUTH_ISSUER: subtitles")
                    .contains("AUTH_AUDIENCE: subtitles").contains("MANAGEMENT_PORT: 9000")
                    .contains("- source: jwt-public-key").contains("http://localhost:9000/q/health/ready")
                    .doesNotContain("published: 9000");
        }
    }

    /** The variables of {@code .env.example}, with a fresh value for each credential it leaves empty. */
    private static Map<String, String> credentials() throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            Matcher assignment = Pattern.compile("^([A-Z_]+)=(.*)$").matcher(line);
            if (assignment.matches()) {
                variables.put(assignment.group(1), assignment.group(2));
            }
        }
        assertThat(variables).as(".env.example").containsKeys(CREDENTIALS.toArray(String[]::new));
        for (String credential : CREDENTIALS) {
            assertThat(variables.get(credential)).as("%s in .env.example", credential).isEmpty();
            variables.put(credential, credential.toLowerCase().replace('_', '-') + "-"
                    + UUID.randomUUID().toString().substring(0, 8));
        }
        return variables;
    }

    private static String service(Result result, String name) {
        Matcher service = Pattern.compile("(?ms)^  " + Pattern.quote(name) + ":\n(.*?)(?=^  \\S|^\\S|\\z)")
                .matcher(result.output());
        assertThat(service.find()).as(result.output()).isTrue();
        return service.group(1);
    }

    private Result compose(Map<String, String> variables, String... arguments) throws IOException, InterruptedException {
        Path envFile = directory.resolve("compose-" + UUID.randomUUID() + ".env");
        List<String> lines = new ArrayList<>();
        variables.forEach((name, value) -> lines.add(name + "=" + value));
        Files.write(envFile, lines);
        List<String> command = new ArrayList<>(List.of("docker-compose", "--env-file", envFile.toString(), "-f",
                ROOT.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeAll(variables.keySet());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
