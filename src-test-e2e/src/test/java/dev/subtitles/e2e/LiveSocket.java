package dev.subtitles.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real WebSocket client ({@code java.net.http}) of a manager's {@code WS /jobs/{id}/live}, recording each message
 * with the moment it arrived ({@link System#nanoTime()}), the final {@code end} message and the close code.
 * <p>
 * The JDK client calls a listener for one message at a time; the recorded lists are read once {@link #closed()}
 * completes. (The Vert.x 4.5 client was tried first: under load, in four of six benchmark runs, one to six
 * clients in a thousand never saw the server's first message, sent a few milliseconds after the handshake, while
 * the manager's log showed their watches reading it from the store with a message requested.)
 */
final class LiveSocket implements WebSocket.Listener {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One history entry as received. */
    record Received(long seq, String eventId, long receivedAtNanos) {
    }

    private final UUID jobId;
    private final List<Received> received = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile String endPhase;
    private volatile int messages;

    private LiveSocket(UUID jobId) {
        this.jobId = jobId;
    }

    /** Opens {@code /jobs/{jobId}/live} on the manager at {@code base}; completes once the handshake is done. */
    static CompletableFuture<LiveSocket> connect(HttpClient client, URI base, UUID jobId) {
        LiveSocket socket = new LiveSocket(jobId);
        URI live = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/jobs/" + jobId + "/live");
        return client.newWebSocketBuilder().buildAsync(live, socket).thenApply(webSocket -> socket);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long now = System.nanoTime();
        partial.append(data);
        if (last) {
            record(partial.toString(), now);
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
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

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
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
