package dev.subtitles.downloader.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.subtitles.common.schema.Schema;
import dev.subtitles.common.testing.LocalServerUsers;
import dev.subtitles.common.testing.TestSchemas;

/**
 * The packaged downloader ({@code target/quarkus-app/quarkus-run.jar}, or the {@code downloader.runner} system
 * property) running as its own JVM in its production profile, configured by environment variables as it would be
 * deployed, on a free HTTP port, with its output in {@code target/it-logs/<instance>.log}, on the tests' database
 * ({@code TEST_DB_NAME}), whose schema it migrates first as an operator would.
 */
public final class DownloaderProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final String DATABASE = System.getenv().getOrDefault("TEST_DB_NAME", "subtitles_test");

    private final String instance;
    private final URI baseUri;
    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private DownloaderProcess(String instance, URI baseUri, Process process, Path log) {
        this.instance = instance;
        this.baseUri = baseUri;
        this.process = process;
        this.log = log;
    }

    /** Starts instance {@code instance} with {@code environment} on top of the inherited one. */
    public static DownloaderProcess start(String instance, Map<String, String> environment) throws IOException {
        return start(instance, instance, environment);
    }

    /** Like {@link #start(String, Map)}, with its output in {@code target/it-logs/<logName>.log}. */
    public static DownloaderProcess start(String instance, String logName, Map<String, String> environment)
            throws IOException {
        Path jar = Path.of(System.getProperty("packaged-downloader.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the module first");
        }
        Path logs = Files.createDirectories(Path.of("target", "it-logs"));
        Path log = logs.resolve(logName + ".log");
        int port = freePort();
        TestSchemas.migrate("jdbc:postgresql://localhost:5432/" + DATABASE, Schema.SUBTITLES);
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(LocalServerUsers.ENVIRONMENT);
        builder.environment().put("DB_NAME", DATABASE);
        builder.environment().putAll(environment);
        builder.environment().put("HTTP_PORT", Integer.toString(port));
        builder.environment().put("DOWNLOADER_INSTANCE", instance);
        return new DownloaderProcess(instance, URI.create("http://127.0.0.1:" + port), builder.start(), log);
    }

    public String instance() {
        return instance;
    }

    /** Waits until {@code /q/health/ready} answers 200; fails at once if the process exits. */
    public void awaitReady() {
        HttpRequest ready = HttpRequest.newBuilder(baseUri.resolve("/q/health/ready")).timeout(Duration.ofSeconds(2))
                .build();
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(instance + " exited with " + process.exitValue() + ", see "
                                + log);
                    }
                    return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    /** The instance's Prometheus metrics page. */
    public String metrics() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/q/metrics")).timeout(Duration.ofSeconds(5))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Kills the process at once (SIGKILL), as a crash or an OOM kill would, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Freezes the process (SIGSTOP), as a long GC pause or a stalled host would: it keeps its connections. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a frozen process go on (SIGCONT). */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + exit);
        }
    }

    /**
     * Stops gracefully (SIGTERM), as an orchestrator would, and forcibly if that takes too long or the wait is
     * interrupted.
     */
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
