package dev.subtitles.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Checks {@code docker-compose.yml} with Debian's {@code docker-compose}, which parses and resolves a compose file
 * without a Docker engine (there is none on the build machines).
 */
class ComposeFileIT {

    private static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();

    @Test
    void composeFileIsValid() throws Exception {
        Result result = compose("config", "--quiet");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void composeFileRunsInfrastructureApertiumApyAndTheFourServices() throws Exception {
        Result result = compose("config", "--services");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().toList()).containsExactlyInAnyOrder("postgres", "redis", "rabbitmq",
                "apertium-apy", "event-consumer", "manager", "downloader", "translator");
    }

    @Test
    void translatorTranslatesThroughTheApertiumApyService() throws Exception {
        Result result = compose("config");

        assertThat(result.exitCode()).as(result.output()).isZero();
        Matcher translator = Pattern.compile("(?ms)^  translator:\n(.*?)(?=^  \\S|^\\S|\\z)").matcher(result.output());
        assertThat(translator.find()).as(result.output()).isTrue();
        assertThat(translator.group(1)).contains("APERTIUM_MODE: apy").contains("APERTIUM_APY_URL: http://apertium-apy:2737")
                .containsPattern("depends_on:\\s+apertium-apy:\\s+condition: service_healthy");
    }

    private static Result compose(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f",
                ROOT.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose finished").isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
