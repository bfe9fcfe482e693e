package dev.subtitles.e2e;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A real WebSocket client (Vert.x) of a manager's {@code WS /jobs/{id}/live}, recording each message with the
 * moment it arrived ({@link System#nanoTime()}), the final {@code end} message and the close code.
 * <p>
 * Its handlers run on the one event-loop thread of its connection; the recorded lists are read once
 * {@link #closed()} completes.
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

    /** Opens {@code /jobs/{jobId}/live} on the manager at {@code base}; completes once the handshake is done. */
    static Future<LiveSocket> connect(WebSocketClient client, URI base, UUID jobId) {
        LiveSocket socket = new LiveSocket(jobId);
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(base.getHost())
                .setPort(base.getPort())
                .setURI("/jobs/" + jobId + "/live");
        return client.connect(options).map(webSocket -> {
            socket.attach(webSocket);
            return socket;
        });
    }

    private void attach(WebSocket webSocket) {
        webSocket.textMessageHandler(this::onText);
        webSocket.exceptionHandler(closed::completeExceptionally);
        webSocket.closeHandler(ignored -> {
            Short code = webSocket.closeStatusCode();
            closed.complete(code == null ? -1 : code.intValue());
        });
    }

    private void onText(String text) {
        long now = System.nanoTime();
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
