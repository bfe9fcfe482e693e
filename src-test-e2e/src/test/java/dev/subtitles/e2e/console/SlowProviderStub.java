package dev.subtitles.e2e.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The OpenSubtitles search API as a provider that takes its time: a search whose query contains {@code slow} is
 * answered only once {@link #release()} is called (or after {@link #HOLD_LIMIT_SECONDS}), so that a job stays in
 * {@code DOWNLOAD_IN_PROGRESS} for as long as a test needs; every other search finds nothing at once. A release
 * answers the searches held then: a later slow search is held until the next one, so that each test can hold its own.
 */
final class SlowProviderStub implements AutoCloseable {

    private static final String NOTHING_FOUND = "{\"total_count\":0,\"total_pages\":0,\"page\":1,\"data\":[]}";
    private static final long HOLD_LIMIT_SECONDS = 120;

    private final HttpServer server;
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(1));
    private final AtomicInteger held = new AtomicInteger();

    private SlowProviderStub(HttpServer server) {
        this.server = server;
    }

    static SlowProviderStub start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SlowProviderStub stub = new SlowProviderStub(server);
        server.createContext("/api/v1/subtitles", stub::search);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return stub;
    }

    /** The base URL the downloader's OpenSubtitles provider is given. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many searches are being held now. */
    int held() {
        return held.get();
    }

    /** Answers the searches held now (with nothing found). */
    void release() {
        gate.getAndSet(new CountDownLatch(1)).countDown();
    }

    private void search(HttpExchange exchange) throws IOException {
        String query = String.valueOf(exchange.getRequestURI().getRawQuery());
        try (exchange) {
            if (query.contains("slow")) {
                CountDownLatch released = gate.get();
                held.incrementAndGet();
                try {
                    released.await(HOLD_LIMIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    held.decrementAndGet();
                }
            }
            byte[] body = NOTHING_FOUND.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
