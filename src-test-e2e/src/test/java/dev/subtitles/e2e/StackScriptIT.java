package dev.subtitles.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, as a newcomer runs it: {@code ./stack up} on a machine whose database does not exist
 * yet creates it and starts the four packaged services, {@code ./stack demo} shows the three kinds of job ending as
 * they should, {@code ./stack down} stops everything. The run has names, ports and a state directory of its own, so a
 * stack the developer runs is left alone.
 */
class StackScriptIT {

    private static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();

    private final E2eNames names = E2eNames.withNewDatabase();
    private final Map<String, String> environment = new HashMap<>(names.environment());
    private Path state;

    @AfterEach
    void cleanUp() throws Exception {
        if (state != null) {
            stack("down");
            try (Stream<Path> files = Files.walk(state)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        names.delete();
    }

    @Test
    void upCreatesTheDatabaseAndDemoEndsEachKindOfJobAsItShould() throws Exception {
        state = Files.createTempDirectory("stack-it");
        environment.put("STACK_DIR", state.toString());
        for (String port : new String[] { "MANAGER_PORT", "DOWNLOADER_PORT", "TRANSLATOR_PORT", "EVENT_CONSUMER_PORT",
                "APY_PORT" }) {
            environment.put(port, Integer.toString(freePort()));
        }

        Result up = stack("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("creating the database " + names.database())
                .contains("all services are healthy");

        Result demo = stack("demo");
        assertThat(demo.exitCode()).as(demo.output()).isZero();
        assertThat(demo.output()).contains("subtitle.ready").contains("subtitle.translated").contains("job.failed")
                .contains("all three jobs ended as they should");

        Result down = stack("down");
        assertThat(down.exitCode()).as(down.output()).isZero();
        Result status = stack("status");
        assertThat(status.output().lines()).hasSize(4).allSatisfy(line -> assertThat(line).endsWith("stopped"));
    }

    private Result stack(String command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("stack").toString(), command).directory(ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("./stack %s finished: %s", command, output).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private record Result(int exitCode, String output) {
    }
}
