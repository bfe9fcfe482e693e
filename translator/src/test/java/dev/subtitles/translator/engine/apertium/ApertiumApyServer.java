package dev.subtitles.translator.engine.apertium;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Apertium APy server (Debian package {@code apertium-apy}) on a free loopback port, serving the installed
 * language pairs ({@code apertium-eng-spa}). Its log goes to a temporary file, named in the failure when it does not
 * come up.
 */
final class ApertiumApyServer implements AutoCloseable {

    private static final String INSTALLED_MODES = "/usr/share/apertium/modes";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final URI url;
    private final Path log;

    private ApertiumApyServer(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts {@code apertium-apy} and returns once {@code /listPairs} answers. */
    static ApertiumApyServer start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("apertium-apy-", ".log");
        ProcessBuilder builder = new ProcessBuilder("apertium-apy", "--port", String.valueOf(port), INSTALLED_MODES)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // APy refuses to start without a UTF-8 locale.
        builder.environment().put("LC_ALL", "C.UTF-8");
        ApertiumApyServer server = new ApertiumApyServer(builder.start(), URI.create("http://127.0.0.1:" + port), log);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest listPairs = HttpRequest.newBuilder(server.url.resolve("/listPairs")).build();
        try {
            await("apertium-apy on port " + port + " (log " + log + ")").atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!server.process.isAlive()) {
                            throw new IllegalStateException("apertium-apy exited: " + Files.readString(log,
                                    StandardCharsets.UTF_8));
                        }
                        return http.send(listPairs, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The server's root URL. */
    URI url() {
        return url;
    }

    /** Stops the server and the Apertium pipelines it started. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
