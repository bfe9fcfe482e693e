package dev.subtitles.manager.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.subtitles.common.testing.LocalServerUsers;

/**
 * The packaged manager ({@code target/quarkus-app/quarkus-run.jar}, prod profile) running as its own JVM on a free
 * port, so the load generator's CPU is not in it and its own CPU time can be read from {@code /proc/<pid>/stat}.
 * Output goes to {@code target/bench-manager.log}. Extra JVM options (a heap size, a JFR recording) come from the
 * {@code bench.jvmArgs} system property.
 */
final class ManagerProcess implements AutoCloseable {

    private static final Path RUNNER = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Path LOG = Path.of("target", "bench-manager.log");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final URI base;
    private final URI management;
    private final double ticksPerSecond;

    private ManagerProcess(Process process, URI base, URI management, double ticksPerSecond) {
        this.process = process;
        this.base = base;
        this.management = management;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** Starts the manager with {@code environment} on top of the inherited one and waits until it is ready. */
    static ManagerProcess start(Map<String, String> environment) throws IOException, InterruptedException {
        if (!Files.isRegularFile(RUNNER)) {
            throw new IllegalStateException(RUNNER.toAbsolutePath() + " is missing: package the manager first"
                    + " (./mvnw -B package -pl common,manager -DskipTests -Djacoco.skip=true)");
        }
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String jvmArgs = System.getProperty("bench.jvmArgs", "").trim();
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.add("-jar");
        command.add(RUNNER.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(LOG.toFile());
        builder.environment().putAll(LocalServerUsers.ENVIRONMENT);
        builder.environment().putAll(environment);
        builder.environment().put("HTTP_PORT", Integer.toString(port));
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(managementPort));
        // The benchmark measures the pipeline, not token checks: its clients send no token.
        builder.environment().put("AUTH", "off");
        ManagerProcess manager = new ManagerProcess(builder.start(), URI.create("http://127.0.0.1:" + port + "/"),
                URI.create("http://127.0.0.1:" + managementPort + "/"), clockTicksPerSecond());
        manager.awaitReady();
        return manager;
    }

    URI base() {
        return base;
    }

    /** User plus system CPU time the manager's JVM has used so far, in seconds. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"),
                StandardCharsets.US_ASCII);
        // The command name (field 2) is in parentheses and may hold spaces; fields 14 and 15 are utime and stime.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / ticksPerSecond;
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(management.resolve("q/health/ready")).timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the manager exited with " + process.exitValue() + ", see "
                        + LOG.toAbsolutePath());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the port opens once the application has started
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("the manager was not ready within " + START_TIMEOUT + ", see "
                + LOG.toAbsolutePath());
    }

    private static double clockTicksPerSecond() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
        String ticks = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        getconf.waitFor();
        return Double.parseDouble(ticks);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops gracefully (SIGTERM), forcibly only if that takes too long. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
