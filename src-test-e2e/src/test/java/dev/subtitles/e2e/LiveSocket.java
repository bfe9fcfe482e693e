package dev.subtitles.e2e;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A real WebSocket client (Vert.x) of a manager's {@code WS /jobs/{id}/live}, recording each message with the moment
 * it arrived ({@link System#nanoTime()}), the final {@code end} message and the close code. Its handlers are set
 * before the handshake, so a message the server sends right after it cannot slip past them.
 * <p>
 * Each socket's handlers run on the one event loop of its client, one message at a time; the recorded lists are
 * read once {@link #closed()} completes.
 */
final class LiveSocket {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One history entry as received. */
    record Received(long seq, String eventId, long receivedAtNanos) {
    }

    private final UUID jobId;
    private final List<Received> received = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String endPhase;
    private volatile int messages;

    private LiveSocket(UUID jobId) {
        this.jobId = jobId;
    }

    /** A client for {@code connections} sockets at most, on an event loop of {@code vertx}. */
    static WebSocketClient client(Vertx vertx, int connections) {
        return vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(connections));
    }

    /** Opens {@code /jobs/{jobId}/live} on the manager at {@code base}; completes once the handshake is done. */
    static CompletableFuture<LiveSocket> connect(WebSocketClient client, URI base, UUID jobId) {
        return connect(client, base, jobId, null);
    }

    /**
     * As {@link #connect(WebSocketClient, URI, UUID)}, with {@code token} as bearer token in the handshake (none when
     * {@code null}); a handshake the manager refuses fails the future ({@link io.vertx.core.http.UpgradeRejectedException}
     * with its status).
     */
    static CompletableFuture<LiveSocket> connect(WebSocketClient client, URI base, UUID jobId, String token) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(base.getHost())
                .setPort(base.getPort()).setURI("/jobs/" + jobId + "/live");
        if (token != null) {
            options.addHeader("Authorization", "Bearer " + token);
        }
        LiveSocket socket = new LiveSocket(jobId);
        ClientWebSocket webSocket = client.webSocket();
        webSocket.textMessageHandler(text -> socket.record(text, System.nanoTime()));
        webSocket.closeHandler(ignored -> {
            Short code = webSocket.closeStatusCode();
            socket.closed.complete(code == null ? -1 : (int) code);
        });
        webSocket.exceptionHandler(socket.closed::completeExceptionally);
        return webSocket.connect(options)
                .map(connected -> socket)
                .toCompletionStage().toCompletableFuture();
    }

    private void record(String text, long now) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("seq")) {
                received.add(new Received(message.get("seq").asLong(), message.path("id").asText(), now));
            } else if ("end".equals(message.path("type").asText())) {
                endPhase = message.path("phase").asText();
            }
            messages++;
        } catch (IOException e) {
            closed.completeExceptionally(e);
        }
    }

    UUID jobId() {
        return jobId;
    }

    /** Messages received so far, the end included. */
    int messages() {
        return messages;
    }

    /** Completes with the close code (1000 after the end of the job) when the server closes the connection. */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    /** The history entries received, in arrival order; read after {@link #closed()}. */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** Sequence numbers of the entries received, in arrival order; read after {@link #closed()}. */
    List<Long> seqs() {
        return received.stream().map(Received::seq).toList();
    }

    /** The phase of the {@code end} message, or {@code null} if none came. */
    String endPhase() {
        return endPhase;
    }
}
