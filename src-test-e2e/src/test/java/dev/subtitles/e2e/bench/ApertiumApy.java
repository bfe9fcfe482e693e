package dev.subtitles.e2e.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fast translation engine of the mixed run: an Apertium APy server (Debian package {@code apertium-apy}) on a
 * free port, serving the installed pairs, which keeps each pair's pipeline running instead of starting
 * {@code apertium} per batch as the translator's default mode does. Its output goes to
 * {@code target/e2e-logs/apertium-apy.log}.
 */
final class ApertiumApy implements AutoCloseable {

    private static final String INSTALLED_MODES = "/usr/share/apertium/modes";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final URI url;

    private ApertiumApy(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Starts the server and returns once {@code /listPairs} answers. */
    static ApertiumApy start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Path.of("target", "e2e-logs", "apertium-apy.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("apertium-apy", "--port", Integer.toString(port), INSTALLED_MODES)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // APy refuses to start without a UTF-8 locale
        builder.environment().put("LC_ALL", "C.UTF-8");
        ApertiumApy server = new ApertiumApy(builder.start(), URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitPairs(log);
        } catch (InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitPairs(Path log) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest listPairs = HttpRequest.newBuilder(url.resolve("/listPairs")).timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("apertium-apy exited, see " + log.toAbsolutePath());
            }
            try {
                if (http.send(listPairs, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the port opens once the pairs are loaded
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("apertium-apy not up within " + START_TIMEOUT + ", see " + log.toAbsolutePath());
    }

    /** What points the translator at this server. */
    Map<String, String> translatorEnvironment() {
        return Map.of("APERTIUM_MODE", "apy", "APERTIUM_APY_URL", url.toString());
    }

    long pid() {
        return process.pid();
    }

    /** Stops the server and the pipelines it started. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
