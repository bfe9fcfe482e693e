package dev.subtitles.manager.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A real WebSocket client ({@code java.net.http}) watching {@code /jobs/{id}/live}, recording what it gets. */
final class WsWatcher implements WebSocket.Listener {

    static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    volatile String closeReason;
    private final StringBuilder partial = new StringBuilder();

    /** Connects and waits for the handshake. */
    static WsWatcher watch(URI base, UUID jobId) {
        return watch(base, jobId.toString());
    }

    static WsWatcher watch(URI base, String jobId) {
        WsWatcher watcher = new WsWatcher();
        CLIENT.newWebSocketBuilder().buildAsync(live(base, jobId), watcher).join();
        return watcher;
    }

    static CompletableFuture<WebSocket> watchAsync(URI base, UUID jobId, WsWatcher watcher) {
        return CLIENT.newWebSocketBuilder().buildAsync(live(base, jobId.toString()), watcher);
    }

    private static URI live(URI base, String jobId) {
        return URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/jobs/" + jobId + "/live");
    }

    /** Sequence numbers of the events received, in arrival order. */
    List<Long> seqs() {
        return messages.stream().filter(message -> message.has("seq")).map(message -> message.get("seq").asLong())
                .toList();
    }

    /** The final message, once received. */
    Optional<JsonNode> end() {
        return messages.stream().filter(message -> "end".equals(message.path("type").asText())).findFirst();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(MAPPER.readTree(partial.toString()));
            } catch (JsonProcessingException e) {
                closeCode.completeExceptionally(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason = reason;
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }
}
